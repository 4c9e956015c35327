import AMQP
import AMQPWire
import Dispatch
import Synchronization
import Transport

/// `consume --exec`: runs a command per message, up to `concurrency` at once, and settles each
/// message by how its command ended. The AMQP connection stays on this thread; commands run on
/// worker threads and hand their outcomes back through `Finished`.
struct ExecConsumer {
    enum OnFailure: String, CaseIterable {
        case requeue, reject, stop
    }

    let command: String
    let concurrency: Int
    let onFailure: OnFailure
    let reply: Bool
    let queue: String
    let invocation: Invocation
    /// How long a failed message waits before going back to the queue, so a crashing command
    /// does not spin.
    static let requeueDelay = 1.0

    /// Outcomes of finished commands, handed from worker threads to the consuming thread.
    final class Finished: Sendable {
        private let outcomes = Mutex<[(delivery: Delivery, outcome: ChildProcess.Outcome)]>([])

        func add(_ delivery: Delivery, _ outcome: ChildProcess.Outcome) {
            outcomes.withLock { $0.append((delivery, outcome)) }
        }

        func take() -> [(delivery: Delivery, outcome: ChildProcess.Outcome)] {
            outcomes.withLock { outcomes in
                defer { outcomes.removeAll() }
                return outcomes
            }
        }
    }

    /// How many commands ran and how many failed.
    struct Counts {
        var succeeded = 0
        var failed = 0
    }

    /// Consumes until `limit` messages were handled, `idle` passed with none, a signal came,
    /// or (with `--on-failure stop`) a command failed.
    func run(channel: Channel, limit: Int?, idle: Double?) throws -> (counts: Counts, timedOut: Bool) {
        let finished = Finished()
        var counts = Counts()
        var running = 0
        var started = 0
        var stopping = false
        var timedOut = false
        var delayedRequeues: [(due: Deadline, tag: UInt64)] = []
        var lastActivity = Deadline.now
        while true {
            for (delivery, outcome) in finished.take() {
                running -= 1
                lastActivity = .now
                if outcome.status == 0 {
                    counts.succeeded += 1
                    if reply { try sendReply(outcome.output, to: delivery, on: channel) }
                    try channel.ack(deliveryTag: delivery.deliveryTag)
                    continue
                }
                counts.failed += 1
                invocation.note(
                    "command failed with status \(outcome.status) for message \(delivery.deliveryTag); \(onFailure == .reject ? "rejected" : "requeued")"
                )
                switch onFailure {
                case .requeue: delayedRequeues.append((.after(seconds: Self.requeueDelay), delivery.deliveryTag))
                case .reject: try channel.reject(deliveryTag: delivery.deliveryTag, requeue: false)
                case .stop:
                    try channel.reject(deliveryTag: delivery.deliveryTag, requeue: true)
                    stopping = true
                }
            }
            let now = Deadline.now
            for requeue in delayedRequeues where requeue.due <= now { try channel.reject(deliveryTag: requeue.tag, requeue: true) }
            delayedRequeues.removeAll { $0.due <= now }
            if Signals.pending != nil || limit.map({ started >= $0 }) == true { stopping = true }
            if let idle, running == 0, lastActivity.adding(seconds: idle).hasPassed {
                timedOut = true
                stopping = true
            }
            if stopping, running == 0 {
                for requeue in delayedRequeues { try channel.reject(deliveryTag: requeue.tag, requeue: true) }
                try channel.connection.flush()
                return (counts, timedOut)
            }
            let slice = Deadline.after(seconds: 0.02)
            guard !stopping, running < concurrency, let delivery = try channel.nextDelivery(deadline: slice) else {
                if stopping || running >= concurrency { try channel.connection.pause(until: slice) }
                continue
            }
            running += 1
            started += 1
            lastActivity = .now
            let environment = invocation.environment.merging(MessageEnvironment.variables(for: delivery, queue: queue)) { $1 }
            let command = command
            let capture = reply
            DispatchQueue.global().async {
                finished.add(delivery, ChildProcess.run(command, input: delivery.body, environment: environment, captureOutput: capture))
            }
        }
    }

    private func sendReply(_ output: [UInt8], to request: Delivery, on channel: Channel) throws {
        guard let replyTo = request.properties.replyTo else {
            invocation.note("message \(request.deliveryTag) has no reply-to; its command's output is dropped")
            return
        }
        try channel.publish(output, routingKey: replyTo, properties: BasicProperties(correlationID: request.properties.correlationID))
    }
}
