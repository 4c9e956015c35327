import AMQP
import AMQP10
import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// Over AMQP 1.0: messages come on a receiver link whose credit is the prefetch (the client tops
/// it up as they are taken), are taken with an `accepted` disposition and given back with
/// `released`, a range of delivery-ids at a time (or one at a time, as `--exec` settles them).
/// A lost connection is not survived yet.
final class AMQP10MessageLink: MessageLink {
    private let connection: AMQP10Connection
    private let receiver: Receiver
    /// The delivery-ids received and not settled yet: the oldest and the newest (the session
    /// numbers its deliveries in a row, and this is its only link).
    private var unsettled: (oldest: UInt32, newest: UInt32)?
    /// The serial its deliveries' tags are bound to: one link, never replaced.
    static let serial: UInt64 = 1
    /// How long `fetch` waits for the answer to its drain.
    static let fetchTimeout = 5.0
    /// Whether messages keep what they carry beyond 0-9-1 (for `--format json`).
    private let keepsBeyond: Bool

    /// Attaches a receiver to `address` on `broker`, granting `credit`, and no more than
    /// `limit` messages in all; messages keep what goes beyond 0-9-1 when `keepsBeyond`.
    init(
        broker: AMQP10Broker, address: String, credit: UInt32, limit: Int?, keepsBeyond: Bool, invocation: Invocation
    ) throws(Failure) {
        connection = broker.connection
        self.keepsBeyond = keepsBeyond
        invocation.trace("attaching a receiver to '\(address)' with credit \(credit)")
        receiver = try reportingFailures {
            try broker.connection.openReceiver(
                address: address, credit: credit, limit: limit.map { UInt64($0) }, deadline: .after(seconds: 30))
        }
    }

    func retrying<T>(_ work: () throws -> T) throws(Failure) -> T { try reportingFailures(work) }

    func onReconnect(_ resume: (() -> String?)?) {}

    /// One link, never replaced.
    var epoch: Int { 0 }

    func next(until deadline: Deadline, watching descriptor: Int32, events: Int16) throws -> MessageArrival {
        switch try receiver.nextDelivery(deadline: deadline, watching: descriptor, events: events) {
        case .delivery(let delivery): .message(received(delivery))
        case .descriptor(let revents): .descriptor(revents)
        case .timedOut: .timedOut
        }
    }

    func fetch(from queue: String) throws -> ReceivedMessage? {
        try receiver.fetchOne(deadline: .after(seconds: Self.fetchTimeout)).map(received)
    }

    func accept(upTo tag: DeliveryTag) throws { try settle(upTo: tag, as: .accepted) }

    func release(upTo tag: DeliveryTag) throws { try settle(upTo: tag, as: .released) }

    func settle(_ tag: DeliveryTag, as disposition: Disposition) throws {
        guard tag.channel == Self.serial else { return }
        let outcome: Outcome =
            switch disposition {
            case .accept: .accepted
            case .requeue: .modified(deliveryFailed: true, undeliverableHere: false)
            case .reject: .rejected(nil)
            case .release: .released
            }
        try receiver.settle(UInt32(truncatingIfNeeded: tag.value), outcome: outcome)
        try receiver.flush()
    }

    /// Not over 1.0 yet: `--reply` is refused before connecting.
    func publishReply(_ body: [UInt8], to replyTo: String, correlationID: String?) throws {
        throw Failure(.usage(.notOverAMQP10(option: "--reply")))
    }

    func service(until deadline: Deadline, watching descriptor: Int32, events: Int16) throws(Failure) -> Int16? {
        try reportingFailures { try connection.wait(forDescriptor: descriptor, events: events, until: deadline) }
    }

    func service(until deadline: Deadline) throws(Failure) { _ = try service(until: deadline, watching: -1, events: 0) }

    func waitForRoom(in descriptor: Int32) throws(Failure) {
        _ = try service(until: .distantFuture, watching: descriptor, events: Int16(POLLOUT))
    }

    /// Notes `delivery` as unsettled (unless its sender settled it) and reads it as mq writes it.
    private func received(_ delivery: AMQP10.Delivery) -> ReceivedMessage {
        if !delivery.settled { unsettled = (unsettled?.oldest ?? delivery.deliveryID, delivery.deliveryID) }
        return ReceivedMessage(
            amqp10: delivery.message, deliveryID: delivery.deliveryID, channel: Self.serial, beyond: keepsBeyond)
    }

    /// Settles every unsettled delivery up to `tag` with `outcome`, in one disposition (two when
    /// the ids wrapped around), and sends it.
    private func settle(upTo tag: DeliveryTag, as outcome: Outcome) throws {
        guard let (oldest, newest) = unsettled, tag.channel == Self.serial else { return }
        let last = UInt32(truncatingIfNeeded: tag.value)
        for ids in Self.ranges(from: oldest, through: last) { try receiver.settle(ids, outcome: outcome) }
        unsettled = last == newest ? nil : (last &+ 1, newest)
        try receiver.flush()
    }

    /// The delivery-ids from `first` through `last` as ranges: one, or two when the ids wrapped
    /// around past `UInt32.max`.
    static func ranges(from first: UInt32, through last: UInt32) -> [ClosedRange<UInt32>] {
        first <= last ? [first...last] : [first...UInt32.max, 0...last]
    }
}
