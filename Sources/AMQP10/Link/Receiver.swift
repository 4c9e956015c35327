import AMQP10Wire
import Transport

/// A link that receives messages: credit is granted at attach and topped up as deliveries are
/// taken; the caller settles each delivery with an outcome.
public final class Receiver {
    private let connection: AMQP10Connection
    private let handle: UInt32
    /// The address the link receives from.
    public let address: String

    init(connection: AMQP10Connection, handle: UInt32, address: String) {
        self.connection = connection
        self.handle = handle
        self.address = address
    }

    /// What `nextDelivery(deadline:watching:events:)` found first.
    public enum DeliveryOrEvent: Hashable, Sendable {
        case delivery(Delivery)
        /// The watched descriptor is ready, with poll's `revents`.
        case descriptor(Int16)
        case timedOut
    }

    /// True when a delivery has arrived and waits to be taken.
    public var hasDeliveryWaiting: Bool { (connection.session.receiver(handle)?.waitingCount ?? 0) > 0 }

    /// The next delivery, or nil when `deadline` passes first.
    public func nextDelivery(deadline: Deadline) throws(AMQP10Error) -> Delivery? {
        switch try nextDelivery(deadline: deadline, watching: -1, events: 0) {
        case .delivery(let delivery): delivery
        case .descriptor, .timedOut: nil
        }
    }

    /// The next delivery, or the moment `descriptor` is ready for `events` (with zero events:
    /// when it hangs up or fails), whichever comes first: how a consumer notices at once that the
    /// reader of its output has gone.
    public func nextDelivery(deadline: Deadline, watching descriptor: Int32, events: Int16) throws(AMQP10Error)
        -> DeliveryOrEvent
    {
        let wake = try connection.wait(until: deadline, watching: descriptor, events: events) {
            () throws(AMQP10Error) -> Bool in
            if hasDeliveryWaiting { return true }
            try connection.checkLink(handle: handle, address: address)
            return false
        }
        switch wake {
        case .done:
            return try connection.takeDelivery(handle: handle).map(DeliveryOrEvent.delivery) ?? .timedOut
        case .descriptor(let revents): return .descriptor(revents)
        case .timedOut: return .timedOut
        }
    }

    /// Fetches one message with one credit and a drain: nil when the sender answers the drain
    /// with none, or nothing comes before `deadline` (a peer may leave a drain unanswered). Meant
    /// for a receiver opened with credit 0.
    public func fetchOne(deadline: Deadline) throws(AMQP10Error) -> Delivery? {
        try connection.checkLink(handle: handle, address: address)
        try connection.send(connection.session.drain(handle: handle, credit: 1))
        _ = try connection.wait(until: deadline) { () throws(AMQP10Error) -> Bool in
            if hasDeliveryWaiting { return true }
            try connection.checkLink(handle: handle, address: address)
            return connection.session.receiver(handle)?.draining == false
        }
        return try connection.takeDelivery(handle: handle)
    }

    /// Settles the delivery `deliveryID` with `outcome`.
    public func settle(_ deliveryID: UInt32, outcome: Outcome) throws(AMQP10Error) {
        try settle(deliveryID...deliveryID, outcome: outcome)
    }

    /// Settles the deliveries `ids.lowerBound...ids.upperBound` with one outcome.
    public func settle(_ ids: ClosedRange<UInt32>, outcome: Outcome) throws(AMQP10Error) {
        try connection.checkLink(handle: handle, address: address)
        try connection.send(connection.session.settle(first: ids.lowerBound, last: ids.upperBound, outcome: outcome))
    }

    /// Writes the settlements buffered so far.
    public func flush() throws(AMQP10Error) { try connection.flush() }

    /// Detaches the link (closing it) and waits for the peer's detach until `deadline`.
    public func close(deadline: Deadline = .after(seconds: 5)) throws(AMQP10Error) {
        try connection.detach(handle: handle, deadline: deadline)
    }
}
