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
    /// How long a message to requeue waits before going back to the queue, so a crashing command
    /// does not spin.
    static let requeueDelay = 1.0
    /// The longest the loop waits without looking for a signal.
    static let signalCheck = 0.25

    init(command: String, concurrency: Int, contract: ExitContract, reply: Bool, queue: String, invocation: Invocation) {
        self.command = command
        self.concurrency = concurrency
        self.contract = contract
        self.reply = reply
        self.queue = queue
        self.invocation = invocation
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
        var started = 0
        var stopping = false
        var timedOut = false
        var delayedRequeues: [(due: Deadline, tag: UInt64)] = []
        var lastActivity = Deadline.now
    }

    private var progress = Progress()
    /// The stream offset after the last message handed to a command: where a stream consumer
    /// resumes after a reconnect. Nil before any.
    private(set) var resumeStreamOffset: Int64?

    /// Consumes until `limit` messages were handled, `idle` passed with none, a signal came,
    /// or a command ended with a status whose action is stop; through lost connections, as the
    /// link allows.
    func run(link: BrokerLink, limit: Int?, idle: Double?) throws(Failure) -> (counts: Counts, timedOut: Bool) {
        guard let finished = FinishedCommands() else {
            throw Failure(.bug("cannot make a pipe: \(String(cString: strerror(errno)))"))
        }
        link.resume = { [unowned self] _ in resumeAfterReconnect() }
        defer { link.resume = nil }
        progress.lastActivity = .now
        try link.retrying { try consume(link: link, finished: finished, limit: limit, idle: idle) }
        return (progress.counts, progress.timedOut)
    }

    /// After a reconnect: the messages of the lost channel (running, or waiting to be requeued)
    /// are the broker's again.
    private func resumeAfterReconnect() -> String? {
        progress.delayedRequeues = []
        progress.counts.reconnects += 1
        progress.lastActivity = .now
        guard progress.running > 0 else { return nil }
        let commands = progress.running == 1 ? "1 command" : "\(progress.running) commands"
        return "the messages of \(commands) still running will come again (marked redelivered)"
    }

    private func consume(link: BrokerLink, finished: FinishedCommands, limit: Int?, idle: Double?) throws {
        while true {
            let channel = link.channel
            for entry in finished.take() { try settle(entry, link: link) }
            try requeueDue(on: channel)
            if Signals.pending != nil || limit.map({ progress.started - progress.counts.redelivered >= $0 }) == true { progress.stopping = true }
            if let idle, progress.running == 0, progress.lastActivity.adding(seconds: idle).hasPassed {
                progress.timedOut = true
                progress.stopping = true
            }
            if progress.stopping, progress.running == 0 {
                for requeue in progress.delayedRequeues { try channel.reject(deliveryTag: requeue.tag, requeue: true) }
                progress.delayedRequeues = []
                try channel.connection.flush()
                return
            }
            var wake = Deadline.after(seconds: Self.signalCheck)
            if let due = progress.delayedRequeues.first?.due { wake = min(wake, due) }
            if let idle, progress.running == 0 { wake = min(wake, progress.lastActivity.adding(seconds: idle)) }
            if progress.stopping || progress.running >= concurrency {
                _ = try channel.connection.wait(forDescriptor: finished.descriptor, events: Int16(POLLIN), until: wake)
                continue
            }
            switch try channel.nextDelivery(deadline: wake, watching: finished.descriptor, events: Int16(POLLIN)) {
            case .delivery(let delivery): start(delivery, epoch: link.epoch, finished: finished)
            case .descriptor, .timedOut: continue
            }
        }
    }

    /// Starts the command for `delivery` on a worker thread.
    private func start(_ delivery: Delivery, epoch: Int, finished: FinishedCommands) {
        progress.running += 1
        progress.started += 1
        progress.lastActivity = .now
        if let offset = delivery.properties.headers?["x-stream-offset"]?.integerValue { resumeStreamOffset = offset + 1 }
        let environment = invocation.environment.merging(MessageEnvironment.variables(for: delivery, queue: queue)) { $1 }
        let command = command
        let capture = reply
        DispatchQueue.global().async {
            let outcome = ChildProcess.run(command, input: delivery.body, environment: environment, captureOutput: capture)
            finished.add(FinishedCommands.Entry(delivery: delivery, epoch: epoch, outcome: outcome))
        }
    }

    /// Settles a message whose command has ended, as the contract says for its status; a
    /// message of a channel lost since is the broker's again, and is not settled.
    private func settle(_ entry: FinishedCommands.Entry, link: BrokerLink) throws {
        progress.running -= 1
        progress.lastActivity = .now
        let (delivery, outcome, channel) = (entry.delivery, entry.outcome, link.channel)
        guard entry.epoch == link.epoch else {
            progress.counts.redelivered += 1
            invocation.trace("command for message \(delivery.deliveryTag) ended after its connection was lost; the message comes again")
            return
        }
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
    private func requeueDue(on channel: Channel) throws {
        guard let first = progress.delayedRequeues.first, first.due.hasPassed else { return }
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
