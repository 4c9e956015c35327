import AMQP10Wire

/// A sending link's state (AMQP 1.0 sections 2.6.7 and 2.7): its credit, its delivery count, the
/// deliveries still unsettled and the outcomes that arrived for them.
struct SenderLink {
    let name: String
    let handle: UInt32
    let address: String
    private(set) var state = LinkState.attachSent
    private(set) var deliveryCount: UInt32 = 0
    /// Transfers the receiver allows now.
    private(set) var credit: UInt32 = 0
    private(set) var unsettled: Set<UInt32> = []
    private var outcomes: [(UInt32, Outcome)] = []
    private var nextTag: UInt32 = 0

    init(name: String, handle: UInt32, address: String) {
        self.name = name
        self.handle = handle
        self.address = address
    }

    /// Our attach: we settle after the receiver's outcome, which it sends settled.
    var attach: Attach {
        Attach(
            name: name, handle: handle, role: .sender, sndSettleMode: .unsettled, rcvSettleMode: .first,
            source: Source(), target: Target(address: address), initialDeliveryCount: deliveryCount)
    }

    mutating func received(attach: Attach) {
        switch state {
        case .attachSent: state = attach.target == nil ? .refused : .attached
        case .attached, .refused, .detachSent, .detached: break
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

    /// The receiver's flow: its credit counts from its view of the delivery count. Returns true
    /// when it asks to drain, which a sender with nothing queued answers by using up the credit.
    mutating func received(flow: Flow) -> Bool {
        let linkCredit = flow.linkCredit ?? 0
        let receiverCount = flow.deliveryCount ?? deliveryCount
        credit = receiverCount &+ linkCredit &- deliveryCount
        guard flow.drain, credit > 0 else { return flow.echo }
        deliveryCount &+= credit
        credit = 0
        return true
    }

    /// Takes one credit and returns the next delivery's tag.
    mutating func sending(deliveryID: UInt32) -> [UInt8] {
        credit -= 1
        deliveryCount &+= 1
        unsettled.insert(deliveryID)
        let tag = nextTag
        nextTag &+= 1
        return withUnsafeBytes(of: tag.bigEndian) { Array($0) }
    }

    /// The receiver's disposition for deliveries `first...last`. Returns true when it left any
    /// of ours unsettled with a terminal outcome (we then settle them).
    mutating func received(first: UInt32, last: UInt32, settled: Bool, state: DeliveryState?) -> Bool {
        guard let outcome = state.flatMap(Outcome.init) else { return false }
        var settleNeeded = false
        var id = first
        while true {
            if unsettled.remove(id) != nil {
                outcomes.append((id, outcome))
                settleNeeded = settleNeeded || !settled
            }
            if id == last { break }
            id &+= 1
        }
        return settleNeeded
    }

    /// The outcomes that arrived since the last call, oldest first.
    mutating func takeOutcomes() -> [(UInt32, Outcome)] {
        defer { outcomes.removeAll(keepingCapacity: true) }
        return outcomes
    }
}
