import AMQP
import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// The loop of `mq publish`: takes each message from a source, publishes it (paced, within the
/// confirm window, never while the broker blocks publishing) and counts what the broker made of
/// it, until the source is done and every message is confirmed.
///
/// The messages awaiting confirmation are kept (a window of them at most): when the connection
/// is lost and comes back, they are published again, in order, before any new input, so nothing
/// read from the input is lost, and what the broker may hold twice is counted.
final class Publisher {
    /// How to publish, from the command line.
    struct Rules {
        var confirm: Bool
        var mandatory: Bool
        /// Most messages awaiting confirmation at once.
        var window: Int
        /// How long to wait for confirms, or for the broker to unblock.
        var timeout: Double
        var skipInvalid: Bool
        var pacing: Pacing?
    }

    private let invocation: Invocation
    private let link: BrokerLink
    private let rules: Rules
    private let progress: ProgressMeter?
    private var tally = Tally()
    private var unconfirmed = Unconfirmed()
    /// Messages to publish again on a new channel, not yet published there (a loss during the
    /// publishing again leaves the rest here, for the next channel).
    private var again: [OutgoingMessage] = []
    private var pacing: Pacing?
    /// The channel whose confirmations are being counted (the link's, until it is replaced).
    private var channel: Channel

    init(invocation: Invocation, link: BrokerLink, rules: Rules, progress: ProgressMeter?) {
        self.invocation = invocation
        self.link = link
        self.rules = rules
        self.progress = progress
        channel = link.channel
        pacing = rules.pacing
    }

    /// Publishes every message of `source`, then waits until each is confirmed; what became of them.
    func run(_ source: inout MessageSource) throws(Failure) -> Tally {
        defer { progress?.finish(tally.published) }
        link.resume = { [unowned self] fresh throws(AMQPError) in try publishAgain(on: fresh) }
        defer { link.resume = nil }
        try counting {
            try link.start { [rules] channel throws(AMQPError) in
                if rules.confirm { try channel.enableConfirms() }
                return nil
            }
        }
        while let message = try next(from: &source) {
            // The hot path calls publish directly: no closure to build per message.
            do {
                try publish(message)
            } catch {
                try counting { try link.recover(from: error) }
                try counting { try link.retrying { try publish(message) } }
            }
        }
        try counting { try link.retrying { try settleAll() } }
        if rules.confirm, tally.confirmed + tally.returned + tally.nacked != tally.published {
            throw Failure(
                .bug(
                    "\(tally.published - tally.confirmed - tally.returned - tally.nacked) messages were never confirmed"
                )
            )
            .adding("; \(summary())")
        }
        return tally
    }

    /// Keeps the connection serviced until the input's `descriptor` is readable (reconnecting
    /// meanwhile, should the connection be lost while the input is quiet).
    func waitForInput(_ descriptor: Int32) throws(Failure) {
        try counting {
            try link.retrying {
                _ = try link.connection.wait(forDescriptor: descriptor, events: Int16(POLLIN), until: .distantFuture)
            }
        }
    }

    /// Runs `body`, adding to a failure how far publishing got, so the user knows what the broker has.
    private func counting(_ body: () throws -> Void) throws(Failure) {
        do throws(Failure) {
            try reportingFailures(body)
        } catch {
            if case .signal = error.cause { throw error }
            throw error.adding("; \(summary())")
        }
    }

    /// The next message, passing over (with --skip-invalid) or stopping at a bad line.
    private func next(from source: inout MessageSource) throws(Failure) -> OutgoingMessage? {
        while true {
            do {
                return try source.next()
            } catch let bad as BadLine {
                guard rules.skipInvalid else {
                    try counting { try link.retrying { try settleAll() } }
                    throw Failure(.badLine(number: bad.number, problem: bad.problem)).adding(
                        "; nothing after it was sent; \(summary())")
                }
                invocation.note(Failure(.badLine(number: bad.number, problem: bad.problem)).message + "; skipped")
                tally.skipped += 1
            } catch let failure as Failure {
                throw failure
            } catch {
                throw Failure(.bug("\(error)"))
            }
        }
    }

    private func publish(_ message: OutgoingMessage) throws {
        if rules.confirm, channel.unconfirmedCount >= rules.window {
            // Down to half the window, not just below it: the broker keeps half a window of work
            // while the next half goes out in one write, instead of both sides trading a few
            // messages per write for every ack.
            let settled = try channel.waitForConfirms(
                atMost: rules.window / 2, deadline: .after(seconds: rules.timeout))
            collectConfirmations()
            guard settled else { throw gaveUp() }
        }
        guard try channel.waitUntilPublishable(deadline: .after(seconds: rules.timeout)) else {
            throw Failure(.blocked(seconds: rules.timeout))
        }
        if let due = pacing?.due(tally.published) { try link.connection.pause(until: due) }
        try send(message)
        tally.published += 1
        progress?.update(tally.published)
    }

    /// Publishes `message` on the channel, keeping it until it is confirmed.
    private func send(_ message: OutgoingMessage) throws(AMQPError) {
        let envelope = message.envelope
        let sequence = try channel.publish(
            message.body, exchange: envelope.exchange, routingKey: envelope.routingKey, mandatory: rules.mandatory,
            properties: envelope.properties)
        if let sequence { unconfirmed.published(message, sequence: sequence) }
    }

    /// After a reconnect: publishes again, in order, every message the lost channel had not
    /// confirmed; what the note says of them.
    private func publishAgain(on fresh: Channel) throws(AMQPError) -> String? {
        collectConfirmations()
        channel = fresh
        tally.reconnects += 1
        pacing?.restart(at: tally.published)
        // What a channel lost since had published again and not had confirmed comes first.
        again = unconfirmed.takeAll() + again
        var sent = 0
        defer { again.removeFirst(sent) }
        for message in again {
            try send(message)
            sent += 1
        }
        try fresh.connection.flush()
        tally.republished += sent
        guard sent > 0 else { return nil }
        return "\(sent) unconfirmed messages published again (the broker may hold them twice)"
    }

    /// Waits for every outstanding confirm (or, without confirms, sends what is queued).
    private func settleAll() throws {
        guard rules.confirm else { return try link.connection.flush() }
        let settled = try channel.waitForConfirms(deadline: .after(seconds: rules.timeout))
        collectConfirmations()
        guard settled else { throw gaveUp() }
    }

    /// Counts the confirmations that have arrived and lets go of the messages they settle.
    private func collectConfirmations() {
        let confirmations = channel.takeConfirmations()
        guard !confirmations.isEmpty else { return }
        unconfirmed.settle(confirmations)
        tally.add(confirmations, invocation: invocation)
    }

    /// How far publishing got, counting every confirmation that has arrived (a paced publisher
    /// only collects them when the window fills).
    private func summary() -> String {
        collectConfirmations()
        return tally.summary(unconfirmed: rules.confirm ? unconfirmed.count : 0)
    }

    /// Why publishing stopped after waiting `timeout` seconds: blocked by the broker, or no confirms.
    private func gaveUp() -> Failure {
        if link.connection.blockedReason != nil { return Failure(.blocked(seconds: rules.timeout)) }
        return Failure(.unanswered(.confirmsTimedOut(seconds: rules.timeout)))
    }
}
