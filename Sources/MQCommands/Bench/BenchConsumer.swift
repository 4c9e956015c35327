import AMQP
import AMQPWire
import Transport

/// One consumer: takes messages from its queue, acknowledges them (every `multiAck`), and
/// measures each stamped one's latency from the stamp to its arrival.
final class BenchConsumer: BenchWorker, @unchecked Sendable {
    struct Plan: Sendable {
        var queue: String
        var prefetch: Int
        var multiAck: Int
        var stream: Bool
        var millis: Bool
    }

    private let plan: Plan

    init(plan: Plan, connection: Connection, channel: Channel, control: BenchControl) {
        self.plan = plan
        super.init(connection: connection, channel: channel, control: control)
    }

    /// Starts consuming, before any producer runs (a stream consumer reads from the next message
    /// on, so it must be there before the first one).
    func subscribe() throws(AMQPError) {
        try channel.setPrefetch(count: UInt16(plan.prefetch))
        let arguments: FieldTable = plan.stream ? ["x-stream-offset": .string("next")] : [:]
        try channel.consume(queue: plan.queue, arguments: arguments)
    }

    override func work() throws(AMQPError) {
        var unacknowledged: DeliveryTag?
        var pending = 0
        while !control.isStopped {
            guard let delivery = try channel.nextDelivery(deadline: .after(seconds: 0.1)) else { continue }
            let now = BenchClock.wallNanoseconds
            if let stamp = BenchPayload(reading: delivery.body) {
                let nanoseconds = plan.millis ? (now / 1_000_000 - stamp.timestamp) * 1_000_000 : now - stamp.timestamp
                count {
                    $0.consumed += 1
                    if nanoseconds >= 0 { $0.latency.record(UInt64(nanoseconds / 1000)) }
                }
                control.arrived(stamp.sequence, from: delivery.properties.appID ?? "")
            } else {
                count { $0.consumed += 1 }
                control.arrivedUnstamped()
            }
            unacknowledged = delivery.tag
            pending += 1
            if pending >= plan.multiAck {
                _ = try channel.ack(delivery.tag, multiple: plan.multiAck > 1)
                unacknowledged = nil
                pending = 0
            }
        }
        if let unacknowledged { _ = try channel.ack(unacknowledged, multiple: true) }
        try connection.flush()
    }
}
