import AMQP
import AMQPWire
import Transport

/// One consumer: takes messages from its queue, acknowledges them (every `multiAck`), and
/// measures each stamped one's latency from the stamp to its arrival, handing its figures over
/// in batches (`BenchArrivals`).
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
        var arrivals = BenchArrivals()
        // Whatever way the loop ends (stopped, or the connection lost), what it took is counted.
        defer { handOver(&arrivals) }
        var unacknowledged: DeliveryTag?
        var pending = 0
        while !control.isStopped {
            let deadline = arrivals.due.map { Deadline(nanoseconds: UInt64($0)) } ?? .after(seconds: 0.1)
            guard let delivery = try channel.nextDelivery(deadline: deadline) else {
                handOver(&arrivals)
                continue
            }
            let wall = BenchClock.wallNanoseconds
            let now = BenchClock.monotonicNanoseconds
            if let stamp = BenchPayload(reading: delivery.body) {
                let nanoseconds =
                    plan.millis ? (wall / 1_000_000 - stamp.timestamp) * 1_000_000 : wall - stamp.timestamp
                arrivals.arrived(
                    at: now, sequence: stamp.sequence, from: delivery.properties.appID ?? "",
                    latency: nanoseconds >= 0 ? UInt64(nanoseconds / 1000) : nil)
            } else {
                arrivals.arrived(at: now, sequence: nil, from: "", latency: nil)
            }
            if arrivals.isDue(at: now) { handOver(&arrivals) }
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

    /// Adds what `arrivals` holds to the consumer's counts and the run's sequences, and empties it.
    private func handOver(_ arrivals: inout BenchArrivals) {
        guard !arrivals.isEmpty else { return }
        worker.count { arrivals.add(to: &$0) }
        worker.control.arrived(arrivals)
        arrivals.removeAll()
    }
}
