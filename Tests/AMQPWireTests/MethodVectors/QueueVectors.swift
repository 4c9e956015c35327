import AMQPWire
import TestSupport

extension MethodVector {
    /// Class `queue`, id 50 (00 32).
    static let queue: [MethodVector] = [
        // queue.declare (50, 10): ticket 0; queue shortstr(6) "orders"; one octet for passive
        // (bit 0), durable (bit 1), exclusive (bit 2), auto-delete (bit 3), no-wait (bit 4):
        // durable = 0x02; arguments, a table of 24 (0x18) bytes: "x-queue-type" (12) S
        // longstr(6) "quorum" = 1+12+1+4+6.
        MethodVector(
            .queueDeclare(QueueDeclare(queue: "orders", durable: true, arguments: ["x-queue-type": .string("quorum")])),
            hex("0032 000a | 0000 | 06 'orders' | 02 | 00000018 0c 'x-queue-type' 'S' 00000006 'quorum'")),
        // queue.declare-ok (50, 11): queue "orders"; message-count long 42; consumer-count long 3.
        MethodVector(
            .queueDeclareOk(QueueDeclareOk(queue: "orders", messageCount: 42, consumerCount: 3)),
            hex("0032 000b | 06 'orders' | 0000002a | 00000003")),
        // queue.bind (50, 20): ticket 0; queue "orders"; exchange shortstr(10) "amq.direct";
        // routing-key "new"; no-wait clear; arguments, an empty table.
        MethodVector(
            .queueBind(QueueBind(queue: "orders", exchange: "amq.direct", routingKey: "new")),
            hex("0032 0014 | 0000 | 06 'orders' | 0a 'amq.direct' | 03 'new' | 00 | 00000000")),
        // queue.bind-ok (50, 21): no arguments.
        MethodVector(.queueBindOk(QueueBindOk()), hex("0032 0015")),
        // queue.purge (50, 30): ticket 0; queue "orders"; no-wait clear.
        MethodVector(.queuePurge(QueuePurge(queue: "orders")), hex("0032 001e | 0000 | 06 'orders' | 00")),
        // queue.purge-ok (50, 31): message-count long 7.
        MethodVector(.queuePurgeOk(QueuePurgeOk(messageCount: 7)), hex("0032 001f | 00000007")),
        // queue.delete (50, 40): ticket 0; queue "orders"; one octet for if-unused (bit 0),
        // if-empty (bit 1), no-wait (bit 2): if-empty = 0x02.
        MethodVector(
            .queueDelete(QueueDelete(queue: "orders", ifEmpty: true)),
            hex("0032 0028 | 0000 | 06 'orders' | 02")),
        // queue.delete-ok (50, 41): message-count long 11.
        MethodVector(.queueDeleteOk(QueueDeleteOk(messageCount: 11)), hex("0032 0029 | 0000000b")),
        // queue.unbind (50, 50): ticket 0; queue "orders"; exchange "amq.direct"; routing-key
        // "new"; arguments, an empty table. Unbind has no no-wait bit.
        MethodVector(
            .queueUnbind(QueueUnbind(queue: "orders", exchange: "amq.direct", routingKey: "new")),
            hex("0032 0032 | 0000 | 06 'orders' | 0a 'amq.direct' | 03 'new' | 00000000")),
        // queue.unbind-ok (50, 51): no arguments.
        MethodVector(.queueUnbindOk(QueueUnbindOk()), hex("0032 0033")),
    ]
}
