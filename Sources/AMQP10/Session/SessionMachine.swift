import AMQP10Wire

/// One session and its links as a value (AMQP 1.0 sections 2.5-2.7): begin and end, the windows,
/// attach and detach, credit, transfers both ways, dispositions. Event methods return the frames
/// to send; a frame the protocol does not allow throws the violation.
struct SessionMachine {
    enum State: Hashable {
        case unmapped
        case beginSent
        case mapped
        case endSent
        /// The session is over, with the peer's error when it gave one.
        case ended(AMQPError?)
    }

    /// What became of a message handed to `send`.
    enum SendResult: Hashable {
        case sent(deliveryID: UInt32, frames: [Frame])
        /// The link has no credit: wait for the receiver's flow.
        case noCredit
        /// The peer's session window is full: wait for its flow.
        case windowFull
    }

    let channel: UInt16
    private(set) var state = State.unmapped
    private var windows: SessionWindows
    private var senders: [UInt32: SenderLink] = [:]
    private var receivers: [UInt32: ReceiverLink] = [:]
    private var ourHandles: [UInt32: UInt32] = [:]
    private var nextHandle: UInt32 = 0
    private var nextDeliveryID: UInt32 = 0
    /// The largest frame the peer takes (its open's max-frame-size).
    private let peerMaxFrameSize: Int
    /// Room left in a frame for the header and a transfer of ours (handle, delivery-id, a 4-byte
    /// tag, message-format, the flags), with a margin.
    private static let transferOverhead = 64

    init(channel: UInt16, peerMaxFrameSize: UInt32, incomingWindow: UInt32 = 5000) {
        self.channel = channel
        self.peerMaxFrameSize = Int(min(peerMaxFrameSize, UInt32(Int32.max)))
        windows = SessionWindows(incomingWindowSize: incomingWindow)
    }

    mutating func begin() -> [Frame] {
        switch state {
        case .unmapped:
            state = .beginSent
            return [frame(.begin(windows.begin))]
        case .beginSent, .mapped, .endSent, .ended: return []
        }
    }

    mutating func end() -> [Frame] {
        switch state {
        case .beginSent, .mapped:
            state = .endSent
            return [frame(.end(End()))]
        case .unmapped, .endSent, .ended: return []
        }
    }

    // MARK: Links

    mutating func attachSender(address: String) -> (handle: UInt32, frames: [Frame]) {
        let handle = takeHandle()
        let link = SenderLink(name: "mq-sender-\(handle)", handle: handle, address: address)
        senders[handle] = link
        return (handle, [frame(.attach(link.attach))])
    }

    mutating func attachReceiver(address: String, credit: UInt32, limit: UInt64?) -> (handle: UInt32, frames: [Frame]) {
        let handle = takeHandle()
        let link = ReceiverLink(
            name: "mq-receiver-\(handle)", handle: handle, address: address, credit: credit, limit: limit)
        receivers[handle] = link
        return (handle, [frame(.attach(link.attach))])
    }

    mutating func detach(handle: UInt32) -> [Frame] {
        guard linkState(handle: handle) == .attached else { return [] }
        senders[handle]?.detaching()
        receivers[handle]?.detaching()
        return [frame(.detach(Detach(handle: handle, closed: true)))]
    }

    func linkState(handle: UInt32) -> LinkState? {
        senders[handle]?.state ?? receivers[handle]?.state
    }

    func sender(_ handle: UInt32) -> SenderLink? { senders[handle] }
    func receiver(_ handle: UInt32) -> ReceiverLink? { receivers[handle] }

    // MARK: Sending

    /// One message's transfer frames, split to the peer's max-frame-size, when credit and the
    /// session window allow.
    mutating func send(handle: UInt32, payload: [UInt8]) -> SendResult {
        // Links are changed in place in their dictionary: a copy taken out and put back would copy
        // its collections on every message.
        guard let credit = senders[handle]?.credit, credit > 0 else { return .noCredit }
        let frameCount = frameCount(payloadCount: payload.count)
        guard windows.canSend(frames: frameCount) else { return .windowFull }
        let deliveryID = nextDeliveryID
        guard let tag = senders[handle]?.sending(deliveryID: deliveryID) else { return .noCredit }
        nextDeliveryID &+= 1
        var frames: [Frame] = []
        frames.reserveCapacity(frameCount)
        let chunkSize = self.chunkSize
        var start = 0
        repeat {
            let end = min(start + chunkSize, payload.count)
            let first = start == 0
            let transfer = Transfer(
                handle: handle, deliveryID: first ? deliveryID : nil, deliveryTag: first ? tag : nil,
                messageFormat: first ? 0 : nil, settled: first ? false : nil, more: end < payload.count)
            // The usual message fits one frame and goes as it is, not copied.
            let part = frameCount == 1 ? payload : Array(payload[start..<end])
            frames.append(frame(.transfer(transfer), payload: part))
            start = end
        } while start < payload.count
        windows.sent(frames: frames.count)
        return .sent(deliveryID: deliveryID, frames: frames)
    }

    /// True when a message of `payloadCount` bytes can go out on the link now.
    func canSend(handle: UInt32, payloadCount: Int) -> Bool {
        guard let link = senders[handle], link.credit > 0 else { return false }
        return windows.canSend(frames: frameCount(payloadCount: payloadCount))
    }

    /// The most payload bytes in one transfer frame.
    private var chunkSize: Int { max(1, peerMaxFrameSize - Self.transferOverhead) }

    private func frameCount(payloadCount: Int) -> Int {
        max(1, (payloadCount + chunkSize - 1) / chunkSize)
    }

    mutating func takeOutcomes(handle: UInt32) -> [(UInt32, Outcome)] {
        senders[handle]?.takeOutcomes() ?? []
    }

    // MARK: Receiving

    /// The oldest delivery waiting on a receiver, with a flow topping its credit up when due.
    mutating func takeDelivery(handle: UInt32) -> (Delivery, [Frame])? {
        guard let (delivery, topUp) = receivers[handle]?.takeDelivery(), let link = receivers[handle] else {
            return nil
        }
        return (delivery, topUp.map { [linkFlow(link, credit: $0, drain: false)] } ?? [])
    }

    /// Asks the sender for one message or, if it has none, to say so (a drain).
    mutating func drain(handle: UInt32, credit: UInt32) -> [Frame] {
        guard let granted = receivers[handle]?.drain(credit: credit), let link = receivers[handle] else { return [] }
        return [linkFlow(link, credit: granted, drain: true)]
    }

    /// Settles deliveries `first...last` with `outcome`.
    func settle(first: UInt32, last: UInt32, outcome: Outcome) -> [Frame] {
        let disposition = Disposition(
            role: .receiver, first: first, last: first == last ? nil : last, settled: true,
            state: outcome.deliveryState)
        return [frame(.disposition(disposition))]
    }

    // MARK: Frames from the peer

    mutating func received(_ performative: Performative, payload: [UInt8]) throws(ProtocolViolation) -> [Frame] {
        switch state {
        case .unmapped:
            throw .unexpectedFrame("\(ConnectionMachine.name(of: performative)) before begin")
        case .beginSent:
            guard case .begin(let begin) = performative else {
                throw .unexpectedFrame("\(ConnectionMachine.name(of: performative)) before begin")
            }
            windows.received(begin: begin)
            state = .mapped
            return []
        case .mapped: return try receivedOnMapped(performative, payload: payload)
        case .endSent:
            if case .end(let end) = performative { state = .ended(end.error) }
            return []
        case .ended: return []
        }
    }

    private mutating func receivedOnMapped(_ performative: Performative, payload: [UInt8]) throws(ProtocolViolation)
        -> [Frame]
    {
        switch performative {
        case .attach(let attach): return try received(attach: attach)
        case .flow(let flow): return try received(flow: flow)
        case .transfer(let transfer): return try received(transfer: transfer, payload: payload)
        case .disposition(let disposition): return received(disposition: disposition)
        case .detach(let detach): return try received(detach: detach)
        case .end(let end):
            state = .ended(end.error)
            return [frame(.end(End()))]
        case .begin: throw .unexpectedFrame("a second begin on channel \(channel)")
        case .open, .close: throw .unexpectedFrame(ConnectionMachine.name(of: performative))
        }
    }

    private mutating func received(attach: Attach) throws(ProtocolViolation) -> [Frame] {
        if let handle = senders.first(where: { $0.value.name == attach.name })?.key, attach.role == .receiver {
            ourHandles[attach.handle] = handle
            senders[handle]?.received(attach: attach)
            return []
        }
        if let handle = receivers.first(where: { $0.value.name == attach.name })?.key, attach.role == .sender {
            ourHandles[attach.handle] = handle
            guard let credit = receivers[handle]?.received(attach: attach), let link = receivers[handle] else {
                return []
            }
            return [linkFlow(link, credit: credit, drain: false)]
        }
        throw .unexpectedFrame("attach of a link this client did not open ('\(attach.name)')")
    }

    private mutating func received(flow: Flow) throws(ProtocolViolation) -> [Frame] {
        windows.received(flow: flow)
        guard let remote = flow.handle else {
            return flow.echo ? [frame(.flow(windows.flow()))] : []
        }
        let handle = try ourHandle(remote)
        if let answer = senders[handle]?.received(flow: flow), let link = senders[handle] {
            return answer ? [linkFlow(link, drain: flow.drain)] : []
        }
        receivers[handle]?.received(flow: flow)
        return []
    }

    private mutating func received(transfer: Transfer, payload: [UInt8]) throws(ProtocolViolation) -> [Frame] {
        let handle = try ourHandle(transfer.handle)
        guard receivers[handle] != nil else { throw .unexpectedFrame("transfer on a sending link") }
        let widen = try windows.receivedTransfer()
        try receivers[handle]?.received(transfer: transfer, payload: payload)
        return widen ? [frame(.flow(windows.flow()))] : []
    }

    private mutating func received(disposition: Disposition) -> [Frame] {
        // The peer as receiver settles what our senders sent; ours as receiver we settle ourselves.
        guard disposition.role == .receiver else { return [] }
        let last = disposition.last ?? disposition.first
        var settleNeeded = false
        for handle in Array(senders.keys) {
            if senders[handle]?.received(
                first: disposition.first, last: last, settled: disposition.settled, state: disposition.state) == true
            {
                settleNeeded = true
            }
        }
        guard settleNeeded else { return [] }
        let settle = Disposition(
            role: .sender, first: disposition.first, last: disposition.last, settled: true, state: disposition.state)
        return [frame(.disposition(settle))]
    }

    private mutating func received(detach: Detach) throws(ProtocolViolation) -> [Frame] {
        let handle = try ourHandle(detach.handle)
        ourHandles[detach.handle] = nil
        let weDetached = linkState(handle: handle) == .detachSent
        senders[handle]?.received(detach: detach)
        receivers[handle]?.received(detach: detach)
        return weDetached ? [] : [frame(.detach(Detach(handle: handle, closed: detach.closed)))]
    }

    // MARK: Helpers

    private func ourHandle(_ remote: UInt32) throws(ProtocolViolation) -> UInt32 {
        guard let handle = ourHandles[remote] else { throw .unattachedHandle(remote) }
        return handle
    }

    private mutating func takeHandle() -> UInt32 {
        defer { nextHandle += 1 }
        return nextHandle
    }

    private func frame(_ performative: Performative, payload: [UInt8] = []) -> Frame {
        .amqp(channel: channel, performative, payload: payload)
    }

    /// A flow for a receiving link granting `credit`.
    private mutating func linkFlow(_ link: ReceiverLink, credit: UInt32, drain: Bool) -> Frame {
        var flow = windows.flow()
        flow.handle = link.handle
        flow.deliveryCount = link.deliveryCount
        flow.linkCredit = credit
        flow.drain = drain
        return frame(.flow(flow))
    }

    /// A flow for a sending link, saying where its delivery count stands (a drain's answer).
    private mutating func linkFlow(_ link: SenderLink, drain: Bool) -> Frame {
        var flow = windows.flow()
        flow.handle = link.handle
        flow.deliveryCount = link.deliveryCount
        flow.linkCredit = link.credit
        flow.drain = drain
        return frame(.flow(flow))
    }
}
