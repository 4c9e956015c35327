import AMQP
import AMQPWire
import Transport

/// One consumer: takes messages from its queue, acknowledges them (every `multiAck`), and
/// measures each stamped one's latency from the stamp to its arrival.
final class BenchConsumer: @unchecked Sendable {
    struct Plan: Sendable {
        var queue: String
        var prefetch: Int
        var multiAck: Int
        var stream: Bool
        var millis: Bool
    }

    /// Its connection and counts.
    let worker: BenchWorker
    private let plan: Plan

    /// A consumer that starts consuming at once, before any producer runs (a stream consumer
    /// reads from the next message on, so it must be there before the first one), and again on
    /// every new connection.
    init(plan: Plan, _ invocation: Invocation, candidates: [ConnectionSettings], control: BenchControl) throws(Failure)
    {
        self.plan = plan
        worker = try BenchWorker(invocation, candidates: candidates, control: control)
        try worker.link.start { channel throws(AMQPError) in
            try channel.setPrefetch(count: UInt16(plan.prefetch))
            let arguments: FieldTable = plan.stream ? ["x-stream-offset": .string("next")] : [:]
            try channel.consume(queue: plan.queue, arguments: arguments)
            return nil
        }
    }

    /// Consumes until the run stops, on its own thread.
    func run() { worker.run { channel throws(AMQPError) in try consume(on: channel) } }

    private func consume(on channel: Channel) throws(AMQPError) {
        let control = worker.control
        var unacknowledged: DeliveryTag?
        var pending = 0
        while !control.isStopped {
            guard let delivery = try channel.nextDelivery(deadline: .after(seconds: 0.1)) else { continue }
            let now = BenchClock.wallNanoseconds
            if let stamp = BenchPayload(reading: delivery.body) {
                let nanoseconds = plan.millis ? (now / 1_000_000 - stamp.timestamp) * 1_000_000 : now - stamp.timestamp
                worker.count {
                    $0.consumed += 1
                    if nanoseconds >= 0 { $0.latency.record(UInt64(nanoseconds / 1000)) }
                }
                control.arrived(stamp.sequence, from: delivery.properties.appID ?? "")
            } else {
                worker.count { $0.consumed += 1 }
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
        try worker.link.connection.flush()
    }
}
