import AMQP
import AMQPWire
import Dispatch
import Synchronization
import Transport

/// `consume --exec`: runs a command per message, up to `concurrency` at once, and settles each
/// message as `contract` says for its command's exit status. The AMQP connection stays on this
/// thread; commands run on worker threads and hand their outcomes back through `Finished`.
struct ExecConsumer {
    let command: String
    let concurrency: Int
    let contract: ExitContract
    let reply: Bool
    let queue: String
    let invocation: Invocation
    /// How long a message to requeue waits before going back to the queue, so a crashing command
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

    /// How many commands ran and how many failed: ended with a status whose action is not ack.
    struct Counts {
        var succeeded = 0
        var failed = 0
    }

    /// Where the loop is: what runs, what waits to be requeued, and whether to stop.
    private struct Progress {
        var counts = Counts()
        var running = 0
        var started = 0
        var stopping = false
        var timedOut = false
        var delayedRequeues: [(due: Deadline, tag: UInt64)] = []
        var lastActivity = Deadline.now
    }

    /// Consumes until `limit` messages were handled, `idle` passed with none, a signal came,
    /// or a command ended with a status whose action is stop.
    func run(channel: Channel, limit: Int?, idle: Double?) throws -> (counts: Counts, timedOut: Bool) {
        let finished = Finished()
        var progress = Progress()
        while true {
            for (delivery, outcome) in finished.take() { try settle(delivery, outcome, on: channel, progress: &progress) }
            try requeueDue(on: channel, progress: &progress)
            if Signals.pending != nil || limit.map({ progress.started >= $0 }) == true { progress.stopping = true }
            if let idle, progress.running == 0, progress.lastActivity.adding(seconds: idle).hasPassed {
                progress.timedOut = true
                progress.stopping = true
            }
            if progress.stopping, progress.running == 0 {
                for requeue in progress.delayedRequeues { try channel.reject(deliveryTag: requeue.tag, requeue: true) }
                try channel.connection.flush()
                return (progress.counts, progress.timedOut)
            }
            let slice = Deadline.after(seconds: 0.02)
            let busy = progress.stopping || progress.running >= concurrency
            guard !busy, let delivery = try channel.nextDelivery(deadline: slice) else {
                if busy { try channel.connection.pause(until: slice) }
                continue
            }
            start(delivery, finished: finished, progress: &progress)
        }
    }

    /// Starts the command for `delivery` on a worker thread.
    private func start(_ delivery: Delivery, finished: Finished, progress: inout Progress) {
        progress.running += 1
        progress.started += 1
        progress.lastActivity = .now
        let environment = invocation.environment.merging(MessageEnvironment.variables(for: delivery, queue: queue)) { $1 }
        let command = command
        let capture = reply
        DispatchQueue.global().async {
            finished.add(delivery, ChildProcess.run(command, input: delivery.body, environment: environment, captureOutput: capture))
        }
    }

    /// Settles a message whose command has ended, as the contract says for its status.
    private func settle(_ delivery: Delivery, _ outcome: ChildProcess.Outcome, on channel: Channel, progress: inout Progress) throws {
        progress.running -= 1
        progress.lastActivity = .now
        let settlement = contract.settlement(for: outcome.status)
        if settlement.isFailure {
            progress.counts.failed += 1
            invocation.note("command failed with status \(outcome.status) for message \(delivery.deliveryTag); \(Self.past(settlement))")
        } else {
            progress.counts.succeeded += 1
            if outcome.status != 0 { invocation.trace("command exited with status \(outcome.status) for message \(delivery.deliveryTag); acked") }
        }
        switch settlement {
        case .ack:
            if reply { try sendReply(outcome.output, to: delivery, on: channel) }
            try channel.ack(deliveryTag: delivery.deliveryTag)
        case .requeue: progress.delayedRequeues.append((.after(seconds: Self.requeueDelay), delivery.deliveryTag))
        case .reject: try channel.reject(deliveryTag: delivery.deliveryTag, requeue: false)
        case .stop:
            try channel.reject(deliveryTag: delivery.deliveryTag, requeue: true)
            progress.stopping = true
        }
    }

    /// Puts back the messages whose requeue delay has passed.
    private func requeueDue(on channel: Channel, progress: inout Progress) throws {
        let now = Deadline.now
        for requeue in progress.delayedRequeues where requeue.due <= now { try channel.reject(deliveryTag: requeue.tag, requeue: true) }
        progress.delayedRequeues.removeAll { $0.due <= now }
    }

    /// What the note says was done with a message.
    private static func past(_ settlement: Settlement) -> String {
        switch settlement {
        case .ack: "acked"
        case .requeue: "requeued"
        case .reject: "rejected"
        case .stop: "requeued; stopping"
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
