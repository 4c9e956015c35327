import AMQP
import AMQPWire
import Synchronization
import Transport

/// One producer: stamped messages to its queue, as fast as the confirm window (or `--rate`)
/// lets it, until the run stops or it published `count`.
final class BenchProducer: @unchecked Sendable {
    struct Plan: Sendable {
        var queue: String
        var size: Int
        /// Messages awaiting a confirm at most; nil: no confirms.
        var window: Int?
        var rate: Rate?
        var count: Int?
        var persistent: Bool
        var millis: Bool
    }

    /// Its connection and counts.
    let worker: BenchWorker
    private let plan: Plan
    private let properties: BasicProperties
    /// When each unconfirmed message went, by its publish sequence number modulo the window.
    private var sentAt: [Int64]
    /// Messages published so far (over every connection), the next one's sequence number.
    private var sent = 0
    private var pacing: Pacing?
    private let done = Atomic<Bool>(false)
    /// True once it published all it was asked to, and their confirms came.
    var finished: Bool { done.load(ordering: .relaxed) }

    init(
        plan: Plan, name: String, _ invocation: Invocation, candidates: [ConnectionSettings], control: BenchControl
    ) throws(Failure) {
        self.plan = plan
        var properties = BasicProperties()
        properties.appID = name
        if plan.persistent { properties.deliveryMode = 2 }
        self.properties = properties
        sentAt = Array(repeating: 0, count: plan.window ?? 1)
        worker = try BenchWorker(invocation, candidates: candidates, control: control)
        let confirming = plan.window != nil
        try worker.link.start { channel throws(AMQPError) in
            if confirming { try channel.enableConfirms() }
            return nil
        }
    }

    /// Publishes until the run stops or it published its count, on its own thread.
    func run() { worker.run { channel throws(AMQPError) in try publish(on: channel) } }

    private func publish(on channel: Channel) throws(AMQPError) {
        let control = worker.control
        let connection = worker.link.connection
        var body = [UInt8](repeating: 0, count: plan.size)
        if pacing == nil, let rate = plan.rate { pacing = Pacing(rate) } else { pacing?.restart(at: sent) }
        while !control.producersShouldStop, sent < plan.count ?? .max {
            if let due = pacing?.due(sent), !due.hasPassed {
                try connection.pause(until: min(due, .after(seconds: 0.1)))
                try settle(channel)
                continue
            }
            if let window = plan.window, channel.unconfirmedCount >= window {
                _ = try channel.waitForConfirms(atMost: window - 1, deadline: .after(seconds: 0.1))
                try settle(channel)
                continue
            }
            let stamp = plan.millis ? BenchClock.wallNanoseconds / 1_000_000 : BenchClock.wallNanoseconds
            BenchPayload(sequence: UInt32(truncatingIfNeeded: sent), timestamp: stamp).write(into: &body)
            let sequence = try channel.publish(body, routingKey: plan.queue, properties: properties)
            if let sequence { sentAt[Int(sequence % UInt64(sentAt.count))] = BenchClock.monotonicNanoseconds }
            sent += 1
            worker.count { $0.published += 1 }
            if pacing == nil, sent % 64 == 0 { try settle(channel) }
        }
        try connection.flush()
        if plan.window != nil {
            _ = try channel.waitForConfirms(deadline: .after(seconds: 5))
            try settle(channel)
        }
        done.store(true, ordering: .relaxed)
    }

    /// Counts the confirms that arrived, with their latency.
    private func settle(_ channel: Channel) throws(AMQPError) {
        let confirmations = channel.takeConfirmations()
        guard !confirmations.isEmpty else { return }
        let now = BenchClock.monotonicNanoseconds
        worker.count { tally in
            for confirmation in confirmations {
                let sent = sentAt[Int(confirmation.sequence % UInt64(sentAt.count))]
                tally.confirmLatency.record(UInt64(max(0, now - sent) / 1000))
                switch confirmation.outcome {
                case .acked: tally.confirmed += 1
                case .nacked: tally.nacked += 1
                case .returned: tally.returned += 1
                }
            }
        }
    }
}
