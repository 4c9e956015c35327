import AMQP
import AMQPWire
import Dispatch
import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// `consume --exec`: runs a command per message, up to `concurrency` at once, and settles each
/// message as `contract` says for its command's exit status. The AMQP connection stays on this
/// thread; commands run on worker threads and hand their outcomes back through
/// `FinishedCommands`, whose descriptor wakes the one wait that also services the connection.
///
/// When the connection is lost, the commands running finish, but their messages cannot be
/// settled on the new channel: the broker has put them back, and they run again (at least once),
/// counted as redelivered.
final class ExecConsumer {
    let command: String
    let concurrency: Int
    let contract: ExitContract
    let reply: Bool
    let queue: String
    let invocation: Invocation
    /// mq's own environment, which every command gets with the message's variables added.
    private let baseEnvironment: [String: String]
    /// How long a message to requeue waits before going back to the queue, so a crashing command
    /// does not spin.
    static let requeueDelay = 1.0
    /// The longest the loop waits without looking for a signal.
    static let signalCheck = 0.25

    init(command: String, concurrency: Int, contract: ExitContract, reply: Bool, queue: String, invocation: Invocation)
    {
        self.command = command
        self.concurrency = concurrency
        self.contract = contract
        self.reply = reply
        self.queue = queue
        self.invocation = invocation
        baseEnvironment = invocation.environment.variables
    }

    /// How many commands ran and how many failed: ended with a status whose action is not ack.
    struct Counts {
        var succeeded = 0
        var failed = 0
        /// Times the connection was lost and got back.
        var reconnects = 0
        /// Messages whose command ran (or was running) when the connection was lost: the
        /// broker delivers them again, and their command runs again.
        var redelivered = 0
    }

    /// Where the loop is: what runs, what waits to be requeued, and whether to stop.
    private struct Progress {
        var counts = Counts()
        var running = 0
        /// Messages handed to a command, less those that come again after a loss.
        var started = 0
        /// A signal, a stop action or the idle timeout asked to stop.
        var stopRequested = false
        var timedOut = false
        /// Commands that ended and are not settled yet, oldest first.
        var ended: [FinishedCommands.Entry] = []
        var delayedRequeues: [(due: Deadline, tag: DeliveryTag)] = []
        var lastActivity = Deadline.now
    }

    private var progress = Progress()
    /// The stream offset after the last message handed to a command: where a stream consumer
    /// resumes after a reconnect. Nil before any.
    private(set) var resumeStreamOffset: Int64?

    /// Consumes until `limit` messages were handled, `idle` passed with none, a signal came,
    /// or a command ended with a status whose action is stop; through lost connections, as the
    /// link allows.
    ///
    /// - Parameter redeliversAfterLoss: whether the broker delivers again, after a loss, what
    ///   was not acked (a queue; not a temporary queue, which goes with the connection, and not
    ///   a stream, which resumes after the last message handed to a command).
    func run(link: any MessageLink, reading: StreamReading, redeliversAfterLoss: Bool, limit: Int?, idle: Double?)
        throws(Failure) -> (
            counts: Counts, timedOut: Bool
        )
    {
        guard let finished = FinishedCommands() else {
            throw Failure(.bug("cannot make a pipe: \(SystemError(call: "pipe", code: errno))"))
        }
        link.onReconnect { [unowned self] in
            resumeAfterReconnect(redelivers: redeliversAfterLoss && resumeStreamOffset == nil)
        }
        defer { link.onReconnect(nil) }
        progress.lastActivity = .now
        try link.retrying {
            try consume(
                link: link, reading: reading, finished: finished, limit: limit, idle: idle,
                redelivers: redeliversAfterLoss && resumeStreamOffset == nil)
        }
        return (progress.counts, progress.timedOut)
    }

    /// After a reconnect: the messages of the lost channel (running, ended and not settled, or
    /// waiting to be requeued) cannot be settled any more; when the broker `redelivers` them,
    /// they are started again.
    private func resumeAfterReconnect(redelivers: Bool) -> String? {
        progress.delayedRequeues = []
        progress.counts.reconnects += 1
        progress.lastActivity = .now
        // Every command started and not settled: running, or ended and waiting in `ended`.
        let unsettled = progress.running
        guard redelivers, unsettled > 0 else { return nil }
        progress.started -= unsettled
        let messages = unsettled == 1 ? "1 message" : "\(unsettled) messages"
        return "\(messages) of commands that ran or still run will come again (marked redelivered)"
    }

    private func consume(
        link: any MessageLink, reading: StreamReading, finished: FinishedCommands, limit: Int?, idle: Double?,
        redelivers: Bool
    ) throws {
        while true {
            progress.ended += finished.take()
            // One at a time, each taken off only once settled: a loss midway leaves the rest.
            while let entry = progress.ended.first {
                try settle(entry, link: link, redelivers: redelivers)
                progress.ended.removeFirst()
            }
            try requeueDue(on: link)
            if Signals.pending != nil || reading.pastDeadline { progress.stopRequested = true }
            if let idle, progress.running == 0, progress.lastActivity.adding(seconds: idle).hasPassed {
                progress.timedOut = true
                progress.stopRequested = true
            }
            let stopping = progress.stopRequested || limit.map { progress.started >= $0 } == true
            if stopping, progress.running == 0 {
                for requeue in progress.delayedRequeues { try link.settle(requeue.tag, as: .requeue) }
                progress.delayedRequeues = []
                return
            }
            var wake = Deadline.after(seconds: Self.signalCheck)
            if let due = progress.delayedRequeues.first?.due { wake = min(wake, due) }
            if let idle, progress.running == 0 { wake = min(wake, progress.lastActivity.adding(seconds: idle)) }
            if let deadline = reading.deadline { wake = min(wake, deadline) }
            if stopping || progress.running >= concurrency {
                _ = try link.service(until: wake, watching: finished.descriptor, events: Int16(POLLIN))
                continue
            }
            switch try link.next(until: wake, watching: finished.descriptor, events: Int16(POLLIN)) {
            case .message(let message):
                let delivery = message.delivery
                switch reading.verdict(for: delivery) {
                case .take(let last):
                    start(delivery, epoch: link.epoch, finished: finished)
                    if last { progress.stopRequested = true }
                case .skip(let last):
                    try link.settle(delivery.tag, as: .accept)
                    if let offset = delivery.streamOffset { resumeStreamOffset = offset + 1 }
                    if last { progress.stopRequested = true }
                case .beyond: progress.stopRequested = true
                }
            case .descriptor, .timedOut: continue
            }
        }
    }

    /// Starts the command for `delivery` on a worker thread.
    private func start(_ delivery: Delivery, epoch: Int, finished: FinishedCommands) {
        progress.running += 1
        progress.started += 1
        progress.lastActivity = .now
        if let offset = delivery.streamOffset { resumeStreamOffset = offset + 1 }
        let environment = baseEnvironment.merging(MessageEnvironment.variables(for: delivery, queue: queue)) { $1 }
        let command = command
        let capture = reply
        DispatchQueue.global().async {
            let outcome = ChildProcess.run(
                command, input: delivery.body, environment: environment, captureOutput: capture)
            finished.add(FinishedCommands.Entry(delivery: delivery, epoch: epoch, outcome: outcome))
        }
    }

    /// Settles a message whose command has ended, as the contract says for its status, and
    /// counts it once settled. A message of a channel lost since cannot be settled: when the
    /// broker `redelivers` it, it comes again and is counted then; else it is counted as it is.
    private func settle(_ entry: FinishedCommands.Entry, link: any MessageLink, redelivers: Bool) throws {
        let (delivery, outcome) = (entry.delivery, entry.outcome)
        let settlement = contract.settlement(for: outcome.status)
        if entry.epoch == link.epoch {
            switch settlement {
            case .ack:
                if reply { try sendReply(outcome.output, to: delivery, on: link) }
                try link.settle(delivery.tag, as: .accept)
            case .requeue: progress.delayedRequeues.append((.after(seconds: Self.requeueDelay), delivery.tag))
            case .reject: try link.settle(delivery.tag, as: .reject)
            case .stop:
                try link.settle(delivery.tag, as: .release)
                progress.stopRequested = true
            }
        } else if redelivers {
            progress.running -= 1
            progress.counts.redelivered += 1
            invocation.trace(
                "command for message \(delivery.deliveryTag) ended after its connection was lost; the message comes "
                    + "again"
            )
            return
        }
        progress.running -= 1
        progress.lastActivity = .now
        if settlement.isFailure {
            progress.counts.failed += 1
            invocation.note(
                "command failed with status \(outcome.status) for message \(delivery.deliveryTag); "
                    + "\(Self.past(settlement))"
            )
        } else {
            progress.counts.succeeded += 1
            if outcome.status != 0 {
                invocation.trace(
                    "command exited with status \(outcome.status) for message \(delivery.deliveryTag); acked")
            }
        }
    }

    /// Puts back the messages whose requeue delay has passed.
    private func requeueDue(on link: any MessageLink) throws {
        guard let first = progress.delayedRequeues.first, first.due.hasPassed else { return }
        let now = Deadline.now
        for requeue in progress.delayedRequeues where requeue.due <= now {
            try link.settle(requeue.tag, as: .requeue)
        }
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

    private func sendReply(_ output: [UInt8], to request: Delivery, on link: any MessageLink) throws {
        guard let replyTo = request.properties.replyTo else {
            invocation.note("message \(request.deliveryTag) has no reply-to; its command's output is dropped")
            return
        }
        try link.publishReply(output, to: replyTo, correlationID: request.properties.correlationID)
    }
}
