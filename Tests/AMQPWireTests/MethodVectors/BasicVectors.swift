import AMQPWire
import TestSupport

extension MethodVector {
    /// Class `basic`, id 60 (00 3c).
    static let basic: [MethodVector] = [
        // basic.qos (60, 10): prefetch-size long 0; prefetch-count short 100; global bit clear.
        MethodVector(.basicQos(BasicQos(prefetchSize: 0, prefetchCount: 100)), hex("003c 000a | 00000000 | 0064 | 00")),
        // basic.qos-ok (60, 11): no arguments.
        MethodVector(.basicQosOk(BasicQosOk()), hex("003c 000b")),
        // basic.consume (60, 20): ticket 0; queue "orders"; consumer-tag shortstr(5) "ctag1";
        // one octet for no-local (bit 0), no-ack (bit 1), exclusive (bit 2), no-wait (bit 3):
        // no-ack + exclusive = 0x06; arguments, a table of 16 (0x10) bytes: "x-priority" (10)
        // I 10 = 1+10+1+4.
        MethodVector(
            .basicConsume(
                BasicConsume(
                    queue: "orders", consumerTag: "ctag1", noAck: true, exclusive: true,
                    arguments: ["x-priority": .int32(10)])),
            hex("003c 0014 | 0000 | 06 'orders' | 05 'ctag1' | 06 | 00000010 0a 'x-priority' 'I' 0000000a")),
        // basic.consume-ok (60, 21): consumer-tag "ctag1".
        MethodVector(.basicConsumeOk(BasicConsumeOk(consumerTag: "ctag1")), hex("003c 0015 | 05 'ctag1'")),
        // basic.cancel (60, 30): consumer-tag "ctag1"; no-wait clear.
        MethodVector(.basicCancel(BasicCancel(consumerTag: "ctag1")), hex("003c 001e | 05 'ctag1' | 00")),
        // basic.cancel-ok (60, 31): consumer-tag "ctag1".
        MethodVector(.basicCancelOk(BasicCancelOk(consumerTag: "ctag1")), hex("003c 001f | 05 'ctag1'")),
        // basic.publish (60, 40): ticket 0; exchange, the empty shortstr (default exchange);
        // routing-key "orders"; one octet for mandatory (bit 0), immediate (bit 1): mandatory = 0x01.
        MethodVector(
            .basicPublish(BasicPublish(exchange: "", routingKey: "orders", mandatory: true)),
            hex("003c 0028 | 0000 | 00 | 06 'orders' | 01")),
        // basic.return (60, 50): reply-code short 312 (0x0138); reply-text shortstr(8)
        // "NO_ROUTE"; exchange "logs"; routing-key shortstr(7) "nowhere".
        MethodVector(
            .basicReturn(BasicReturn(replyCode: 312, replyText: "NO_ROUTE", exchange: "logs", routingKey: "nowhere")),
            hex("003c 0032 | 0138 | 08 'NO_ROUTE' | 04 'logs' | 07 'nowhere'")),
        // basic.deliver (60, 60): consumer-tag "ctag1"; delivery-tag longlong 2^32 + 2 (both
        // halves of the 64 bits in use); redelivered bit set; exchange ""; routing-key "orders".
        MethodVector(
            .basicDeliver(
                BasicDeliver(
                    consumerTag: "ctag1", deliveryTag: 4_294_967_298, redelivered: true, exchange: "",
                    routingKey: "orders")),
            hex("003c 003c | 05 'ctag1' | 00000001 00000002 | 01 | 00 | 06 'orders'")),
        // basic.get (60, 70): ticket 0; queue "orders"; no-ack bit set.
        MethodVector(.basicGet(BasicGet(queue: "orders", noAck: true)), hex("003c 0046 | 0000 | 06 'orders' | 01")),
        // basic.get-ok (60, 71): delivery-tag longlong 5; redelivered clear; exchange "logs";
        // routing-key "orders"; message-count long 9.
        MethodVector(
            .basicGetOk(
                BasicGetOk(
                    deliveryTag: 5, redelivered: false, exchange: "logs", routingKey: "orders", messageCount: 9)),
            hex("003c 0047 | 0000000000000005 | 00 | 04 'logs' | 06 'orders' | 00000009")),
        // basic.get-empty (60, 72): reserved cluster-id, an empty shortstr.
        MethodVector(.basicGetEmpty(BasicGetEmpty()), hex("003c 0048 | 00")),
        // basic.ack (60, 80): delivery-tag longlong 7; multiple bit set.
        MethodVector(.basicAck(BasicAck(deliveryTag: 7, multiple: true)), hex("003c 0050 | 0000000000000007 | 01")),
        // basic.reject (60, 90): delivery-tag longlong 8; requeue bit clear.
        MethodVector(
            .basicReject(BasicReject(deliveryTag: 8, requeue: false)), hex("003c 005a | 0000000000000008 | 00")),
        // basic.recover-async (60, 100): requeue bit set.
        MethodVector(.basicRecoverAsync(BasicRecoverAsync(requeue: true)), hex("003c 0064 | 01")),
        // basic.recover (60, 110): requeue bit set.
        MethodVector(.basicRecover(BasicRecover(requeue: true)), hex("003c 006e | 01")),
        // basic.recover-ok (60, 111): no arguments.
        MethodVector(.basicRecoverOk(BasicRecoverOk()), hex("003c 006f")),
        // basic.nack (60, 120): delivery-tag longlong 9; one octet for multiple (bit 0) and
        // requeue (bit 1), both set = 0x03.
        MethodVector(
            .basicNack(BasicNack(deliveryTag: 9, multiple: true, requeue: true)),
            hex("003c 0078 | 0000000000000009 | 03")),
    ]
}
