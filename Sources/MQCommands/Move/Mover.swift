import AMQP
import AMQPWire
import JSON
import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// The loop of `mq move`: consumes from the source, publishes each message to the destination
/// with confirms and mandatory, and acks it at the source only once the destination acked it.
///
/// It works over two links (the destination may be another broker) on one thread: every wait is
/// on the source while it watches the destination's socket, and the destination is served
/// (confirms, heartbeats) whenever its socket is readable or a wait times out.
///
/// Either side may be lost and come back. After the destination comes back, what it had not
/// confirmed is published to it again; after the source comes back, what was in flight cannot
/// be acked there any more (the source has put it back and delivers it again), so it may reach
/// the destination twice: both are counted, and stay within the window.
final class Mover {
    /// How to move, from the command line.
    struct Rules {
        /// Most messages in flight (unacked at the source) at once.
        var window: Int
        var count: Int?
        /// Stop once the source has sent nothing for this long; nil: once it is empty.
        var idle: Double?
        var pacing: Pacing?
    }

    /// What became of the messages taken from the source.
    struct Counts {
        var moved = 0
        var requeued = 0
        var returned = 0
        var nacked = 0
        /// Times a connection (to either side) was lost and got back.
        var reconnects = 0
        /// Messages published to the destination again after it came back.
        var republished = 0
        /// Messages in flight when the source was lost: it delivers them again, so the
        /// destination may hold them twice.
        var redelivered = 0

        var summary: String {
            "moved \(moved), requeued \(requeued) (\(returned) returned, \(nacked) nacked by the destination)"
        }

        var json: JSON {
            .object([
                ("moved", .int(Int64(moved))), ("requeued", .int(Int64(requeued))), ("returned", .int(Int64(returned))),
                ("nacked", .int(Int64(nacked))), ("reconnects", .int(Int64(reconnects))),
                ("republished", .int(Int64(republished))),
                ("redelivered", .int(Int64(redelivered))),
            ])
        }
    }

    /// Which broker a failure came from.
    struct SideError: Error {
        enum Side: String {
            case source, destination
        }

        let side: Side
        let failure: Failure
    }

    /// How long the end waits for the destination to confirm what is in flight.
    static let confirmWait = 30.0
    /// How long the source may send nothing before mq asks whether it is empty (when no idle
    /// timeout was given).
    static let emptyCheckAfter = 0.1

    private let source: BrokerLink
    private let destination: BrokerLink
    private let target: MoveTarget
    private let rules: Rules
    private let progress: ProgressMeter?
    private var inFlight = InFlight()
    private(set) var counts = Counts()
    /// Deliveries taken from the source, published or not (less those it delivers again).
    private var received = 0
    private var published = 0
    /// The newest delivery tag taken on the source's current channel (nil: none yet).
    private var lastTag: DeliveryTag?
    private var consumerTag = ""
    /// The destination channel whose confirmations are being counted (the link's, until replaced).
    private var destinationChannel: Channel
    /// Why the move stops early: a message the destination refused, or one with nowhere to go.
    private(set) var refusal: Failure?
    /// Messages to publish again to a destination that came back, not yet published there (a
    /// loss during the publishing again leaves the rest here, for the next channel).
    private var again: [InFlight.Entry] = []
    private var pacing: Pacing?

    init(source: BrokerLink, destination: BrokerLink, target: MoveTarget, rules: Rules, progress: ProgressMeter?) {
        self.source = source
        self.destination = destination
        self.target = target
        self.rules = rules
        self.progress = progress
        destinationChannel = destination.channel
        pacing = rules.pacing
    }

    private var sourceChannel: Channel { source.channel }

    /// Moves messages from `queue` until it is empty (or idle), `count` moved, a signal, or a
    /// refusal; then settles what is in flight and requeues the rest.
    func run(queue: String) throws(Failure) -> Counts {
        defer { progress?.finish(counts.moved) }
        destination.resume = { [unowned self] fresh throws(AMQPError) in try publishAgain(on: fresh) }
        source.resume = { [unowned self] _ in sourceCameBack() }
        defer { (destination.resume, source.resume) = (nil, nil) }
        do throws(SideError) {
            try onDestination {
                try destination.start { channel throws(AMQPError) in
                    try channel.enableConfirms()
                    return nil
                }
            }
            let prefetch = UInt16(min(rules.window, rules.count ?? rules.window))
            try onSource {
                try source.start { [unowned self] channel throws(AMQPError) in
                    try channel.setPrefetch(count: prefetch)
                    consumerTag = try channel.consume(queue: queue)
                    return nil
                }
            }
            try moveUntilDone(queue: queue)
            try finish()
        } catch {
            if error.side == .destination, let lastTag {
                // Everything not acked goes back: what the destination may hold is among the last window.
                _ = try? sourceChannel.nack(lastTag, multiple: true, requeue: true)
                try? source.connection.flush()
            }
            counts.requeued = received - counts.moved
            if case .signal = error.failure.cause { throw error.failure }
            throw error.failure.adding("; \(counts.summary)")
        }
        return counts
    }

    /// True once there is a reason to stop taking messages.
    private var stopping: Bool {
        Signals.pending != nil || refusal != nil || rules.count.map { published >= $0 } == true
    }

    private func moveUntilDone(queue: String) throws(SideError) {
        var idleSince = Deadline.now
        while !stopping {
            try settle()
            if !destinationChannel.mayPublish {
                try waitOnBoth(until: .after(seconds: 0.25))
                continue
            }
            if let due = pacing?.due(published), !due.hasPassed {
                try waitOnBoth(until: due)
                continue
            }
            if !sourceChannel.hasDeliveryWaiting, !source.connection.hasUnreadInput {
                try onDestination { try destination.connection.flush() }
            }
            let emptyCheck = idleSince.adding(seconds: rules.idle ?? Self.emptyCheckAfter)
            let wake = min(Deadline.after(seconds: 0.25), emptyCheck)
            let next = try onSource {
                try sourceChannel.nextDelivery(
                    deadline: wake, watching: destination.connection.descriptor, events: Int16(POLLIN))
            }
            switch next {
            case .delivery(let delivery):
                try forward(delivery)
                idleSince = .now
            case .descriptor: try serveDestination()
            case .timedOut:
                try serveDestination()
                guard emptyCheck.hasPassed else { continue }
                if rules.idle != nil { return }
                if try isEmpty(queue) { return }
                idleSince = .now
            }
        }
    }

    /// True when the source queue has no message ready.
    private func isEmpty(_ queue: String) throws(SideError) -> Bool {
        try onSource { try sourceChannel.declareQueue(queue, passive: true).messageCount == 0 }
    }

    /// Publishes one delivery where the target says, or stops at one that has nowhere to go.
    private func forward(_ delivery: Delivery) throws(SideError) {
        received += 1
        lastTag = delivery.tag
        guard let address = target.address(for: delivery) else {
            refusal = Failure(.input(.noOrigin(message: received)))
            return
        }
        try onDestination { try send(delivery, to: address) }
        published += 1
    }

    /// Publishes `delivery` to the destination, keeping it in flight until the destination says.
    private func send(_ delivery: Delivery, to address: MoveTarget.Address) throws(AMQPError) {
        let sequence = try destinationChannel.publish(
            delivery.body, exchange: address.exchange, routingKey: address.routingKey, mandatory: true,
            properties: delivery.properties)
        inFlight.published(delivery, sequence: sequence ?? 0, address: address)
    }

    /// After the destination came back: the source is acked for what the lost channel acked,
    /// what it refused goes back to the source, and what it had not confirmed is published
    /// again, in order; what the note says of them.
    private func publishAgain(on fresh: Channel) throws(AMQPError) -> String? {
        takeConfirmations()
        destinationChannel = fresh
        counts.reconnects += 1
        pacing?.restart(at: published)
        let (acked, refused, unconfirmed) = inFlight.takeAll()
        for entry in acked { _ = try? sourceChannel.ack(entry.tag) }
        for entry in refused { _ = try? sourceChannel.reject(entry.tag, requeue: true) }
        if (try? source.connection.flush()) != nil {
            counts.moved += acked.count
        } else {
            // The source went too: what it was told is lost with it, and it delivers those again.
            received -= acked.count + refused.count
            counts.redelivered += acked.count
        }
        // What a channel lost since had published again and not had confirmed comes first.
        again = unconfirmed + again
        var sent = 0
        defer { again.removeFirst(sent) }
        for entry in again {
            try send(entry.delivery, to: entry.address)
            sent += 1
        }
        try fresh.connection.flush()
        counts.republished += sent
        guard sent > 0 else { return nil }
        return "\(sent) unconfirmed messages published again (the destination may hold them twice)"
    }

    /// After the source came back: what was in flight belongs to the lost channel, which can no
    /// longer ack it; the source delivers it again. What the note says of it.
    private func sourceCameBack() -> String? {
        counts.reconnects += 1
        lastTag = nil
        pacing?.restart(at: published)
        let (acked, refused, unconfirmed) = inFlight.takeAll()
        let taken = acked.count + refused.count + unconfirmed.count
        received -= taken
        published -= taken
        counts.redelivered += taken
        guard taken > 0 else { return nil }
        return "\(taken) messages in flight will come again from the source (the destination may hold them twice)"
    }

    /// Takes what the destination confirmed: acks the source up to the oldest message not acked
    /// there, and notes the first message it refused.
    private func settle() throws(SideError) {
        takeConfirmations()
        if let (tag, count) = inFlight.takeAcked() {
            // Never run again after a reconnect: the tag is the lost channel's.
            if try onSourceOnce({ try sourceChannel.ack(tag, multiple: true) }) {
                counts.moved += count
                progress?.update(counts.moved)
            } else {
                received -= count
                published -= count
                counts.redelivered += count
            }
        }
        if refusal == nil, let refused = inFlight.firstRefused {
            refusal = Failure(.unconfirmed(Self.destinationRefusal(refused)))
        }
    }

    /// Records the confirmations that have arrived from the destination.
    private func takeConfirmations() {
        let confirmations = destinationChannel.takeConfirmations()
        guard !confirmations.isEmpty else { return }
        inFlight.record(confirmations)
        for confirmation in confirmations {
            switch confirmation.outcome {
            case .acked: break
            case .nacked: counts.nacked += 1
            case .returned: counts.returned += 1
            }
        }
    }

    /// The end: no more deliveries, every message in flight confirmed (or `confirmWait` passed),
    /// each one the destination acked acked at the source, and everything else requeued.
    private func finish() throws(SideError) {
        try onSource {
            try sourceChannel.cancel(consumerTag: consumerTag)
            // Deliveries that came before cancel-ok were never published: they go back below.
            while let delivery = try sourceChannel.nextDelivery(deadline: .now) {
                received += 1
                lastTag = delivery.tag
            }
        }
        let deadline = Deadline.after(seconds: Self.confirmWait)
        try onDestination { try destination.connection.flush() }
        while destinationChannel.unconfirmedCount > 0, !deadline.hasPassed {
            try waitOnBoth(until: min(deadline, .after(seconds: 0.25)))
            try settle()
        }
        try settle()
        let (acked, _, _) = inFlight.takeAll()
        let settled = try onSourceOnce {
            for entry in acked { try sourceChannel.ack(entry.tag) }
            if received > counts.moved + acked.count, let lastTag {
                try sourceChannel.nack(lastTag, multiple: true, requeue: true)
            }
            try source.connection.flush()
        }
        if settled {
            counts.moved += acked.count
        } else {
            received -= acked.count
            counts.redelivered += acked.count
        }
        counts.requeued = received - counts.moved
    }

    /// Waits on the source until `deadline` or until the destination has something, then serves it.
    private func waitOnBoth(until deadline: Deadline) throws(SideError) {
        _ = try onSource {
            try source.connection.wait(
                forDescriptor: destination.connection.descriptor, events: Int16(POLLIN), until: deadline)
        }
        try serveDestination()
    }

    /// Reads what the destination sent (confirms, returns, blocked) and keeps its heartbeats.
    private func serveDestination() throws(SideError) {
        try onDestination { try destination.connection.pause(until: .now) }
    }

    /// Runs `body` on the source, through its losses as its link allows.
    private func onSource<T>(_ body: () throws -> T) throws(SideError) -> T {
        do { return try source.retrying(body) } catch { throw SideError(side: .source, failure: error) }
    }

    /// Runs `body` on the source once: after a loss it reconnects but does not run `body` again
    /// (it settles tags of the lost channel); false then.
    private func onSourceOnce(_ body: () throws -> Void) throws(SideError) -> Bool {
        do { return try source.once(body) } catch { throw SideError(side: .source, failure: error) }
    }

    /// Runs `body` on the destination, through its losses as its link allows.
    private func onDestination<T>(_ body: () throws -> T) throws(SideError) -> T {
        do { return try destination.retrying(body) } catch { throw SideError(side: .destination, failure: error) }
    }

    /// What the destination did with `entry`: returned it (with the reply code) or nacked it.
    static func destinationRefusal(_ entry: InFlight.Entry) -> NotConfirmed {
        let returned: ReplyCode? = if case .returned(let message)? = entry.outcome { message.replyCode } else { nil }
        return .destinationRefused(
            sequence: entry.sequence, exchange: entry.address.exchange, routingKey: entry.address.routingKey,
            returned: returned)
    }
}
