import AMQP10Wire

/// A receiving link's state (AMQP 1.0 sections 2.6.7 and 2.7): the credit it granted, a transfer
/// being put together from its frames, the deliveries waiting for the caller, a drain.
struct ReceiverLink {
    let name: String
    let handle: UInt32
    let address: String
    /// The credit the link keeps granted: topped up as the caller takes deliveries.
    let creditTarget: UInt32
    /// The most deliveries the link is ever to receive (a consumer's `--count`): no credit is
    /// granted past it, so the sender never sends what would not be taken. Nil: no end.
    let limit: UInt64?
    /// Deliveries the sender has started on this link.
    private(set) var started: UInt64 = 0
    private(set) var state = LinkState.attachSent
    private(set) var deliveryCount: UInt32 = 0
    /// Transfers the sender may still make.
    private(set) var credit: UInt32 = 0
    private var partial: Partial?
    private var deliveries = [Delivery]()
    private var deliveryIndex = 0
    /// True from a drain's flow until the sender answers it.
    private(set) var draining = false

    /// A delivery whose transfer frames have not all arrived.
    private struct Partial {
        let deliveryID: UInt32
        let deliveryTag: [UInt8]
        var payload: [UInt8]
        var settled: Bool
    }

    init(name: String, handle: UInt32, address: String, credit: UInt32, limit: UInt64? = nil) {
        self.name = name
        self.handle = handle
        self.address = address
        self.creditTarget = credit
        self.limit = limit
    }

    /// Our attach: the sender leaves deliveries unsettled until we settle them.
    var attach: Attach {
        Attach(
            name: name, handle: handle, role: .receiver, sndSettleMode: .unsettled, rcvSettleMode: .first,
            source: Source(address: address), target: Target())
    }

    /// Deliveries that arrived and were not taken.
    var waitingCount: Int { deliveries.count - deliveryIndex }

    /// The sender's attach; returns the credit to grant, if any.
    mutating func received(attach: Attach) -> UInt32? {
        switch state {
        case .attachSent:
            guard attach.source != nil else {
                state = .refused
                return nil
            }
            state = .attached
            deliveryCount = attach.initialDeliveryCount ?? 0
            return grant(creditTarget)
        case .attached, .refused, .detachSent, .detached: return nil
        }
    }

    mutating func received(detach: Detach) {
        state = .detached(detach.error)
    }

    mutating func detaching() {
        switch state {
        case .attachSent, .attached, .refused: state = .detachSent
        case .detachSent, .detached: break
        }
    }

    /// Grants `credit` from the current delivery count, no more than `limit` leaves; returns it
    /// for the flow frame. A grant that would not raise the credit left is not sent: it adds
    /// nothing, and RabbitMQ 3's plugin, which does not subtract what it has in flight, answers
    /// one with a transfer beyond the credit.
    mutating func grant(_ credit: UInt32) -> UInt32? {
        let allowed = limit.map { min(credit, UInt32(clamping: $0 - min($0, started))) } ?? credit
        guard allowed > 0, limit == nil || allowed > self.credit else { return nil }
        self.credit = allowed
        return allowed
    }

    /// Asks the sender to use `credit` or give it back (a drain).
    mutating func drain(credit: UInt32) -> UInt32 {
        draining = true
        self.credit = credit
        return credit
    }

    /// The sender's flow: a drain's answer sets the delivery count past the unused credit, so the
    /// drain is over when no credit is left. (An answer to an earlier drain leaves the credit of
    /// the current one, and does not end it.)
    mutating func received(flow: Flow) {
        if let count = flow.deliveryCount {
            credit = deliveryCount &+ credit &- count
            deliveryCount = count
        }
        if draining, credit == 0 { draining = false }
    }

    /// One transfer frame. A delivery is complete when `more` is unset.
    mutating func received(transfer: Transfer, payload: [UInt8]) throws(ProtocolViolation) {
        if partial != nil {
            // In place: a copy taken out would copy the bytes gathered so far on every frame.
            partial?.payload += payload
            if transfer.settled == true { partial?.settled = true }
        } else {
            guard let deliveryID = transfer.deliveryID else {
                throw .unexpectedFrame("transfer without delivery-id opening a delivery")
            }
            guard credit > 0 else { throw .windowViolation }
            credit -= 1
            started += 1
            deliveryCount &+= 1
            partial = Partial(
                deliveryID: deliveryID, deliveryTag: transfer.deliveryTag ?? [], payload: payload,
                settled: transfer.settled ?? false)
        }
        guard !transfer.more, let complete = partial else { return }
        partial = nil
        if transfer.aborted { return }
        let message: Message
        do throws(WireError) { message = try Message(payload: complete.payload) } catch { throw .malformed(error) }
        // Taken deliveries are dropped in bulk, once they are most of the array.
        if deliveryIndex > 1024, deliveryIndex * 2 > deliveries.count {
            deliveries.removeFirst(deliveryIndex)
            deliveryIndex = 0
        }
        deliveries.append(
            Delivery(
                deliveryID: complete.deliveryID, deliveryTag: complete.deliveryTag, payload: complete.payload,
                message: message, settled: complete.settled))
    }

    /// The oldest waiting delivery, and the credit to grant now that it is taken (topped up when
    /// half the target is used), if any.
    mutating func takeDelivery() -> (Delivery, topUp: UInt32?)? {
        guard deliveryIndex < deliveries.count else { return nil }
        let delivery = deliveries[deliveryIndex]
        deliveryIndex += 1
        let outstanding = credit + UInt32(waitingCount)
        guard !draining, creditTarget > 0, outstanding <= creditTarget / 2 else { return (delivery, nil) }
        return (delivery, grant(creditTarget - UInt32(waitingCount)))
    }
}
