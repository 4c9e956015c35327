import AMQP10Wire

/// A session's transfer-ids and windows (AMQP 1.0 section 2.5.6): how many transfer frames the
/// peer still takes from us, and how many we still take from it before we widen our window.
struct SessionWindows: Sendable {
    /// The incoming window we announce, restored when half of it is used.
    let incomingWindowSize: UInt32
    /// The outgoing window we announce: we send as the peer's incoming window allows.
    static let outgoingWindowSize: UInt32 = 2_147_483_647

    private(set) var nextOutgoingID: UInt32 = 0
    private(set) var remoteIncomingWindow: UInt32 = 0
    private(set) var nextIncomingID: UInt32 = 0
    private(set) var incomingWindow: UInt32

    init(incomingWindowSize: UInt32) {
        self.incomingWindowSize = incomingWindowSize
        incomingWindow = incomingWindowSize
    }

    /// The peer's begin.
    mutating func received(begin: Begin) {
        nextIncomingID = begin.nextOutgoingID
        remoteIncomingWindow = begin.incomingWindow
    }

    /// The session fields of a peer's flow.
    mutating func received(flow: Flow) {
        let base = flow.nextIncomingID ?? 0
        remoteIncomingWindow = base &+ flow.incomingWindow &- nextOutgoingID
    }

    /// One transfer frame from the peer. Returns true when our window should be widened.
    mutating func receivedTransfer() throws(ProtocolViolation) -> Bool {
        guard incomingWindow > 0 else { throw .windowViolation }
        nextIncomingID &+= 1
        incomingWindow -= 1
        return incomingWindow <= incomingWindowSize / 2
    }

    /// True when the peer takes `frames` more transfer frames now.
    func canSend(frames: Int) -> Bool { UInt64(remoteIncomingWindow) >= UInt64(frames) }

    /// `frames` transfer frames went out.
    mutating func sent(frames: Int) {
        nextOutgoingID &+= UInt32(frames)
        remoteIncomingWindow -= UInt32(frames)
    }

    /// A flow with the session's fields, our incoming window widened again.
    mutating func flow() -> Flow {
        incomingWindow = incomingWindowSize
        return Flow(
            nextIncomingID: nextIncomingID, incomingWindow: incomingWindow, nextOutgoingID: nextOutgoingID,
            outgoingWindow: Self.outgoingWindowSize)
    }

    /// Our begin.
    var begin: Begin {
        Begin(nextOutgoingID: nextOutgoingID, incomingWindow: incomingWindow, outgoingWindow: Self.outgoingWindowSize)
    }
}
