import AMQPWire
import TestSupport

extension MethodVector {
    /// Class `channel`, id 20 (00 14).
    static let channel: [MethodVector] = [
        // channel.open (20, 10): reserved out-of-band, an empty shortstr.
        MethodVector(.channelOpen(ChannelOpen()), hex("0014 000a | 00")),
        // channel.open-ok (20, 11): reserved channel-id, an empty longstr (4-byte length 0).
        MethodVector(.channelOpenOk(ChannelOpenOk()), hex("0014 000b | 00000000")),
        // channel.flow (20, 20): active, a lone bit: 1.
        MethodVector(.channelFlow(ChannelFlow(active: true)), hex("0014 0014 | 01")),
        // channel.flow-ok (20, 21): active 0.
        MethodVector(.channelFlowOk(ChannelFlowOk(active: false)), hex("0014 0015 | 00")),
        // channel.close (20, 40): reply-code short 404 (0x0194); reply-text shortstr(42)
        // "NOT_FOUND - no queue 'orders' in vhost '/'" (0x27 is the apostrophe); class-id short
        // 50, method-id short 10 (the failing queue.declare).
        MethodVector(
            .channelClose(
                ChannelClose(
                    replyCode: 404, replyText: "NOT_FOUND - no queue 'orders' in vhost '/'",
                    classId: 50, methodId: 10)),
            hex("0014 0028 | 0194 | 2a 'NOT_FOUND - no queue ' 27 'orders' 27 ' in vhost ' 27 '/' 27 | 0032 | 000a")),
        // channel.close-ok (20, 41): no arguments.
        MethodVector(.channelCloseOk(ChannelCloseOk()), hex("0014 0029")),
    ]
}
