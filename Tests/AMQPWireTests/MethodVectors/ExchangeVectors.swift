import AMQPWire
import TestSupport

extension MethodVector {
    /// Class `exchange`, id 40 (00 28).
    static let exchange: [MethodVector] = [
        // exchange.declare (40, 10): reserved ticket short 0; exchange shortstr(4) "logs";
        // type shortstr(6) "fanout"; one octet for passive (bit 0), durable (bit 1), auto-delete
        // (bit 2), internal (bit 3), no-wait (bit 4): durable + internal = 0x0a; arguments, a
        // table of 26 (0x1a) bytes: "alternate-exchange" (18) S longstr(2) "ae" = 1+18+1+4+2.
        MethodVector(
            .exchangeDeclare(
                ExchangeDeclare(
                    exchange: "logs", type: "fanout", durable: true, internal: true,
                    arguments: ["alternate-exchange": .string("ae")])),
            hex(
                """
                0028 000a | 0000 | 04 'logs' | 06 'fanout' | 0a
                0000001a 12 'alternate-exchange' 'S' 00000002 'ae'
                """)),
        // exchange.declare-ok (40, 11): no arguments.
        MethodVector(.exchangeDeclareOk(ExchangeDeclareOk()), hex("0028 000b")),
        // exchange.delete (40, 20): ticket 0; exchange "logs"; if-unused (bit 0) set, no-wait (bit 1) clear.
        MethodVector(
            .exchangeDelete(ExchangeDelete(exchange: "logs", ifUnused: true)),
            hex("0028 0014 | 0000 | 04 'logs' | 01")),
        // exchange.delete-ok (40, 21): no arguments.
        MethodVector(.exchangeDeleteOk(ExchangeDeleteOk()), hex("0028 0015")),
        // exchange.bind (40, 30): ticket 0; destination "dest"; source "src"; routing-key "a.b";
        // no-wait bit set; arguments, an empty table.
        MethodVector(
            .exchangeBind(ExchangeBind(destination: "dest", source: "src", routingKey: "a.b", noWait: true)),
            hex("0028 001e | 0000 | 04 'dest' | 03 'src' | 03 'a.b' | 01 | 00000000")),
        // exchange.bind-ok (40, 31): no arguments.
        MethodVector(.exchangeBindOk(ExchangeBindOk()), hex("0028 001f")),
        // exchange.unbind (40, 40): ticket 0; destination "dest"; source "src"; routing-key "a.#";
        // no-wait clear; arguments, an empty table.
        MethodVector(
            .exchangeUnbind(ExchangeUnbind(destination: "dest", source: "src", routingKey: "a.#")),
            hex("0028 0028 | 0000 | 04 'dest' | 03 'src' | 03 'a.#' | 00 | 00000000")),
        // exchange.unbind-ok (40, 51): no arguments. RabbitMQ numbers it 51, not 41.
        MethodVector(.exchangeUnbindOk(ExchangeUnbindOk()), hex("0028 0033")),
    ]
}
