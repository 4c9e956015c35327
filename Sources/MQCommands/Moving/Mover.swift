import AMQP
import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// The loop of `mq move`: consumes from the source, publishes each message to the destination
/// with confirms and mandatory, and acks it at the source only once the destination acked it.
///
/// It works over two connections (the destination may be another broker) on one thread: every
/// wait is on the source while it watches the destination's socket, and the destination is
/// served (confirms, heartbeats) whenever its socket is readable or a wait times out.
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

        var summary: String {
            "moved \(moved), requeued \(requeued) (\(returned) returned, \(nacked) nacked by the destination)"
        }

        var json: JSON {
            .object([
                ("moved", .int(Int64(moved))), ("requeued", .int(Int64(requeued))), ("returned", .int(Int64(returned))),
                ("nacked", .int(Int64(nacked))),
            ])
        }
    }

    /// Which broker a client error came from.
    struct SideError: Error {
        enum Side: String {
            case source, destination
        }

        let side: Side
        let error: AMQPError
    }

    /// How long the end waits for the destination to confirm what is in flight.
    static let confirmWait = 30.0
    /// How long the source may send nothing before mq asks whether it is empty (when no idle
    /// timeout was given).
    static let emptyCheckAfter = 0.1

    private let source: Connection
    private let sourceChannel: Channel
    private let destination: Connection
    private let destinationChannel: Channel
    private let target: MoveTarget
    private let rules: Rules
    private let progress: ProgressMeter?
    private var inFlight = InFlight()
    private(set) var counts = Counts()
    /// Deliveries taken from the source, published or not.
    private var received = 0
    private var published = 0
    private var lastTag: UInt64 = 0
    private var consumerTag = ""
    /// Why the move stops early: a message the destination refused, or one with nowhere to go.
    private(set) var refusal: Failure?

    init(
        source: (Connection, Channel), destination: (Connection, Channel), target: MoveTarget, rules: Rules, progress: ProgressMeter?
    ) {
        (self.source, sourceChannel) = source
        (self.destination, destinationChannel) = destination
        self.target = target
        self.rules = rules
        self.progress = progress
    }

    /// Moves messages from `queue` until it is empty (or idle), `count` moved, a signal, or a
    /// refusal; then settles what is in flight and requeues the rest.
    func run(queue: String) throws(Failure) -> Counts {
        defer { progress?.finish(counts.moved) }
        do throws(SideError) {
            try onDestination { () throws(AMQPError) in try destinationChannel.enableConfirms() }
            try onSource { () throws(AMQPError) in
                try sourceChannel.setPrefetch(count: UInt16(min(rules.window, rules.count ?? rules.window)))
                consumerTag = try sourceChannel.consume(queue: queue)
            }
            try moveUntilDone(queue: queue)
            try finish()
        } catch {
            if error.side == .destination, lastTag > 0 {
                // Everything not acked goes back: what the destination may hold is among the last window.
                try? sourceChannel.nack(deliveryTag: lastTag, multiple: true, requeue: true)
                try? source.flush()
            }
            counts.requeued = received - counts.moved
            throw Failure(error.error).about(error.side.rawValue).adding("; \(counts.summary)")
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
            if let due = rules.pacing?.due(published), !due.hasPassed {
                try waitOnBoth(until: due)
                continue
            }
            if !sourceChannel.hasDeliveryWaiting, !source.hasUnreadInput {
                try onDestination { () throws(AMQPError) in try destination.flush() }
            }
            let emptyCheck = idleSince.adding(seconds: rules.idle ?? Self.emptyCheckAfter)
            let wake = min(Deadline.after(seconds: 0.25), emptyCheck)
            let next = try onSource { () throws(AMQPError) in
                try sourceChannel.nextDelivery(deadline: wake, watching: destination.descriptor, events: Int16(POLLIN))
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
        try onSource { () throws(AMQPError) in try sourceChannel.declareQueue(queue, passive: true).messageCount == 0 }
    }

    /// Publishes one delivery where the target says, or stops at one that has nowhere to go.
    private func forward(_ delivery: Delivery) throws(SideError) {
        received += 1
        lastTag = delivery.deliveryTag
        guard let address = target.address(for: delivery) else {
            refusal = Failure(
                .input(
                    "message \(received) has no x-death header to say where it came from; give --key (with --to-exchange) or --to-queue for such messages"
                ))
            return
        }
        let sequence = try onDestination { () throws(AMQPError) in
            try destinationChannel.publish(
                delivery.body, exchange: address.exchange, routingKey: address.routingKey, mandatory: true, properties: delivery.properties)
        }
        inFlight.published(tag: delivery.deliveryTag, sequence: sequence ?? 0, address: address)
        published += 1
    }

    /// Takes what the destination confirmed: acks the source up to the oldest message not acked
    /// there, and notes the first message it refused.
    private func settle() throws(SideError) {
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
        if let (tag, count) = inFlight.takeAcked() {
            try onSource { () throws(AMQPError) in try sourceChannel.ack(deliveryTag: tag, multiple: true) }
            counts.moved += count
            progress?.update(counts.moved)
        }
        if refusal == nil, let refused = inFlight.firstRefused { refusal = Failure(.unconfirmed(Self.describe(refused))) }
    }

    /// The end: no more deliveries, every message in flight confirmed (or `confirmWait` passed),
    /// each one the destination acked acked at the source, and everything else requeued.
    private func finish() throws(SideError) {
        try onSource { () throws(AMQPError) in
            try sourceChannel.cancel(consumerTag: consumerTag)
            // Deliveries that came before cancel-ok were never published: they go back below.
            while let delivery = try sourceChannel.nextDelivery(deadline: .now) {
                received += 1
                lastTag = delivery.deliveryTag
            }
        }
        let deadline = Deadline.after(seconds: Self.confirmWait)
        try onDestination { () throws(AMQPError) in try destination.flush() }
        while destinationChannel.unconfirmedCount > 0, !deadline.hasPassed {
            try waitOnBoth(until: min(deadline, .after(seconds: 0.25)))
            try settle()
        }
        try settle()
        let (acked, _) = inFlight.takeAll()
        try onSource { () throws(AMQPError) in
            for entry in acked { try sourceChannel.ack(deliveryTag: entry.tag) }
            counts.moved += acked.count
            if received > counts.moved { try sourceChannel.nack(deliveryTag: lastTag, multiple: true, requeue: true) }
            try source.flush()
        }
        counts.requeued = received - counts.moved
    }

    /// Waits on the source until `deadline` or until the destination has something, then serves it.
    private func waitOnBoth(until deadline: Deadline) throws(SideError) {
        _ = try onSource { () throws(AMQPError) in try source.wait(forDescriptor: destination.descriptor, events: Int16(POLLIN), until: deadline) }
        try serveDestination()
    }

    /// Reads what the destination sent (confirms, returns, blocked) and keeps its heartbeats.
    private func serveDestination() throws(SideError) {
        try onDestination { () throws(AMQPError) in try destination.pause(until: .now) }
    }

    private func onSource<T>(_ body: () throws(AMQPError) -> T) throws(SideError) -> T {
        do { return try body() } catch { throw SideError(side: .source, error: error) }
    }

    private func onDestination<T>(_ body: () throws(AMQPError) -> T) throws(SideError) -> T {
        do { return try body() } catch { throw SideError(side: .destination, error: error) }
    }

    /// Which message the destination refused, and why.
    static func describe(_ entry: InFlight.Entry) -> String {
        let address = "exchange '\(entry.address.exchange)' with routing key '\(entry.address.routingKey)'"
        switch entry.outcome {
        case .returned(let message)?:
            return "message \(entry.sequence) was returned by the destination: no queue is bound to \(address) (\(message.replyCode))"
        case .nacked?, .acked?, nil:
            return "message \(entry.sequence) (to \(address)) was nacked by the destination"
        }
    }
}
