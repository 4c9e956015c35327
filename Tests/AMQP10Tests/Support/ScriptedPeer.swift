import AMQP10Wire
import TestSupport
import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// An AMQP 1.0 peer on the far end of a `socketpair`: a `FakePeer` speaking through a `PeerEnd`.
enum ScriptedPeer {
    /// Starts `script`; returns the client's end of the socket and the peer.
    static func start<Result: Sendable>(_ script: @escaping @Sendable (PeerEnd) throws -> Result) throws -> (
        client: SocketStream, peer: FakePeer<Result>
    ) {
        try FakePeer.start(speaking: PeerEnd.init, script)
    }
}

/// The peer's side of the socket: protocol headers and frames, read with a deadline.
final class PeerEnd {
    enum Failure: Error {
        case timedOut(String)
        case closed
        case unexpected(String)
    }

    let stream: SocketStream
    private var buffer: [UInt8] = []
    private var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    var timeout: Double = 5
    /// Empty frames the client sent (they keep the connection alive).
    private(set) var emptyFrames = 0

    init(stream: SocketStream) { self.stream = stream }

    func send(raw bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try stream.write($0, deadline: .after(seconds: timeout)) }
    }

    func send(_ header: ProtocolHeader) throws { try send(raw: header.bytes) }

    func send(_ frame: Frame) throws {
        var writer = ByteWriter()
        try frame.encode(to: &writer)
        try send(raw: writer.bytes)
    }

    func send(_ performative: Performative, channel: UInt16 = 0, payload: [UInt8] = []) throws {
        try send(.amqp(channel: channel, performative, payload: payload))
    }

    func readHeader() throws -> ProtocolHeader {
        while true {
            var reader = ByteReader(buffer)
            if let header = try ProtocolHeader.decode(from: &reader) {
                buffer.removeFirst(reader.position)
                return header
            }
            try fill()
        }
    }

    /// The next frame, empty frames skipped.
    func receiveFrame() throws -> Frame {
        while true {
            var reader = ByteReader(buffer)
            if let frame = try Frame.decode(from: &reader) {
                buffer.removeFirst(reader.position)
                if case .empty = frame {
                    emptyFrames += 1
                    continue
                }
                return frame
            }
            try fill()
        }
    }

    /// The next performative, empty frames skipped.
    func receive() throws -> (Performative, payload: [UInt8]) {
        let frame = try receiveFrame()
        guard case .amqp(_, let performative, let payload) = frame else { throw Failure.unexpected("\(frame)") }
        return (performative, payload)
    }

    /// True when the client closes its end before `seconds` pass.
    func readsEndOfStream(within seconds: Double) throws -> Bool {
        let deadline = Deadline.after(seconds: seconds)
        while !deadline.hasPassed {
            let count = try chunk.withUnsafeMutableBytes { try stream.read(into: $0, deadline: deadline) }
            if count == 0 { return true }
        }
        return false
    }

    /// Answers the SASL exchange offering `mechanisms` (`code` as the outcome), the AMQP header,
    /// open and begin; returns the client's sasl-init and open.
    @discardableResult
    func handshake(mechanisms: [Symbol] = ["PLAIN", "ANONYMOUS"], properties: Map? = nil, idleTimeOut: UInt32? = nil)
        throws -> (SASLInit, Open)
    {
        guard try readHeader() == .sasl else { throw Failure.unexpected("not the SASL header") }
        try send(.sasl)
        try send(.sasl(.saslMechanisms(SASLMechanisms(saslServerMechanisms: mechanisms))))
        guard case .sasl(.saslInit(let initial)) = try receiveFrame() else { throw Failure.unexpected("no sasl-init") }
        try send(.sasl(.saslOutcome(SASLOutcome(code: .ok))))
        guard try readHeader() == .amqp else { throw Failure.unexpected("not the AMQP header") }
        try send(.amqp)
        guard case (.open(let open), _) = try receive() else { throw Failure.unexpected("no open") }
        try send(.open(Open(containerID: "peer", maxFrameSize: 512, idleTimeOut: idleTimeOut, properties: properties)))
        guard case (.begin, _) = try receive() else { throw Failure.unexpected("no begin") }
        try send(
            .begin(Begin(remoteChannel: 0, nextOutgoingID: 0, incomingWindow: 100, outgoingWindow: 100)),
            channel: 3)
        return (initial, open)
    }

    private func fill() throws {
        let count = try chunk.withUnsafeMutableBytes { try stream.read(into: $0, deadline: .after(seconds: timeout)) }
        guard let count else { throw Failure.timedOut("nothing from the client in \(timeout) s") }
        guard count > 0 else { throw Failure.closed }
        buffer += chunk[0..<count]
    }
}
