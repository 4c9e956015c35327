import AMQP
import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// The loop of `mq publish`: takes each message from a source, publishes it (paced, within the
/// confirm window, never while the broker blocks publishing) and counts what the broker made of
/// it, until the source is done and every message is confirmed.
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
    private let connection: Connection
    private let channel: Channel
    private let rules: Rules
    private let progress: ProgressMeter?
    private var tally = Tally()

    init(invocation: Invocation, connection: Connection, channel: Channel, rules: Rules, progress: ProgressMeter?) {
        self.invocation = invocation
        self.connection = connection
        self.channel = channel
        self.rules = rules
        self.progress = progress
    }

    /// Publishes every message of `source`, then waits until each is confirmed; what became of them.
    func run(_ source: inout MessageSource) throws(Failure) -> Tally {
        defer { progress?.finish(tally.published) }
        try reportingFailures {
            do {
                if rules.confirm { try channel.enableConfirms() }
                while let message = try next(from: &source) { try publish(message) }
                try settleAll()
            } catch let error as AMQPError {
                // Say how far publishing got, so the user knows what the broker has.
                throw Failure(error).adding("; \(summary())")
            }
        }
        return tally
    }

    /// Keeps the connection serviced until the input's `descriptor` is readable.
    func waitForInput(_ descriptor: Int32) throws(Failure) {
        do throws(AMQPError) {
            _ = try connection.wait(forDescriptor: descriptor, events: Int16(POLLIN), until: .distantFuture)
        } catch {
            throw Failure(error).adding("; \(summary())")
        }
    }

    /// The next message, passing over (with --skip-invalid) or stopping at a bad line.
    private func next(from source: inout MessageSource) throws -> OutgoingMessage? {
        while true {
            do {
                return try source.next()
            } catch let bad as BadLine {
                guard rules.skipInvalid else {
                    try settleAll()
                    throw Failure(.badLine(number: bad.number, problem: bad.problem))
                        .adding("; nothing after it was sent; \(tally.summary(unconfirmed: channel.unconfirmedCount))")
                }
                invocation.note("line \(bad.number): \(bad.problem); skipped")
                tally.skipped += 1
            }
        }
    }

    private func publish(_ message: OutgoingMessage) throws {
        if rules.confirm, channel.unconfirmedCount >= rules.window {
            // Down to half the window, not just below it: the broker keeps half a window of work
            // while the next half goes out in one write, instead of both sides trading a few
            // messages per write for every ack.
            let settled = try channel.waitForConfirms(atMost: rules.window / 2, deadline: .after(seconds: rules.timeout))
            tally.add(channel.takeConfirmations(), invocation: invocation)
            guard settled else { throw gaveUp() }
        }
        guard try channel.waitUntilPublishable(deadline: .after(seconds: rules.timeout)) else {
            throw Failure(.blocked(seconds: rules.timeout)).adding("; \(summary())")
        }
        if let due = rules.pacing?.due(tally.published) { try connection.pause(until: due) }
        let envelope = message.envelope
        try channel.publish(
            message.body, exchange: envelope.exchange, routingKey: envelope.routingKey, mandatory: rules.mandatory,
            properties: envelope.properties)
        tally.published += 1
        progress?.update(tally.published)
    }

    /// Waits for every outstanding confirm (or, without confirms, sends what is queued).
    private func settleAll() throws {
        guard rules.confirm else { return try connection.flush() }
        let settled = try channel.waitForConfirms(deadline: .after(seconds: rules.timeout))
        tally.add(channel.takeConfirmations(), invocation: invocation)
        guard settled else { throw gaveUp() }
    }

    /// How far publishing got, counting every confirmation that has arrived (a paced publisher
    /// only collects them when the window fills).
    private func summary() -> String {
        tally.add(channel.takeConfirmations(), invocation: invocation)
        return tally.summary(unconfirmed: channel.unconfirmedCount)
    }

    /// Why publishing stopped after waiting `timeout` seconds: blocked by the broker, or no confirms.
    private func gaveUp() -> Failure {
        let summary = summary()
        if connection.blockedReason != nil {
            return Failure(.blocked(seconds: rules.timeout)).adding("; \(summary)")
        }
        return Failure(.unanswered("timed out after \(rules.timeout) s waiting for confirms")).adding("; \(summary)")
    }
}
