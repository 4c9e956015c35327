import AMQP
import AMQPWire
import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// The broker's end of a `FakePeer`: reads and writes raw frames, as a script tells it to.
///
/// Used only on the peer's thread. Heartbeats from the client are counted and skipped by every
/// read, so a script sees only the frames it asked for.
public final class FakeBroker {
    private let stream: SocketStream
    private var inbound: [UInt8] = []
    private var chunk = [UInt8](repeating: 0, count: 64 * 1024)

    /// How long each read waits before the script fails with `FakeBrokerError.timedOut`.
    public var timeout: Double = 5
    /// How many heartbeat frames the client has sent so far.
    public private(set) var heartbeatsReceived = 0

    init(stream: SocketStream) { self.stream = stream }

    /// Closes the broker's end: the client sees the end of the stream.
    public func close() { stream.close() }

    /// Sleeps, so that the client is left waiting for something.
    public func pause(seconds: Double) { usleep(UInt32(seconds * 1_000_000)) }

    // MARK: - Writing

    /// Writes `bytes` as they are.
    public func send(raw bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try stream.write($0, deadline: .after(seconds: timeout)) }
    }

    /// Writes one method frame.
    public func send<M: MethodPayload>(_ method: M, channel: UInt16 = 0) throws {
        var writer = ByteWriter()
        try Frame.writeMethod(method, channel: channel, to: &writer)
        try send(raw: writer.bytes)
    }

    /// Writes one frame of any kind.
    public func send(_ frame: Frame) throws {
        var writer = ByteWriter()
        try frame.encode(to: &writer)
        try send(raw: writer.bytes)
    }

    /// Writes a content header and `body` in frames of at most `bodyFrameSizes` bytes each, in
    /// turn (the last size repeats), as a broker does after `basic.deliver` or `basic.return`.
    public func sendContent(
        _ body: [UInt8], properties: BasicProperties = BasicProperties(), channel: UInt16 = 1,
        bodyFrameSizes: [Int] = [131_072 - Frame.overhead]
    ) throws {
        var writer = ByteWriter()
        try Frame.writeHeader(
            ContentHeader(bodySize: UInt64(body.count), properties: properties), channel: channel, to: &writer)
        var start = 0
        var sizes = bodyFrameSizes[...]
        while start < body.count {
            let size = sizes.count > 1 ? sizes.removeFirst() : sizes.first ?? body.count
            let end = min(start + max(size, 1), body.count)
            Frame.writeBody(body[start..<end], channel: channel, to: &writer)
            start = end
        }
        try send(raw: writer.bytes)
    }

    // MARK: - Reading

    /// Reads the eight octets a client opens with.
    public func readProtocolHeader() throws -> [UInt8] {
        let deadline = Deadline.after(seconds: timeout)
        while inbound.count < ProtocolHeader.bytes.count {
            try fill(deadline: deadline, waitingFor: "the protocol header")
        }
        let header = Array(inbound.prefix(ProtocolHeader.bytes.count))
        inbound.removeFirst(header.count)
        return header
    }

    /// The next frame from the client that is not a heartbeat.
    public func receiveFrame() throws -> Frame {
        let deadline = Deadline.after(seconds: timeout)
        while true {
            var reader = ByteReader(inbound)
            if let frame = try Frame.decode(from: &reader, maxFrameSize: 0) {
                inbound.removeFirst(reader.position)
                if case .heartbeat = frame {
                    heartbeatsReceived += 1
                    continue
                }
                return frame
            }
            try fill(deadline: deadline, waitingFor: "a frame")
        }
    }

    /// Reads the next frame and returns it as method `M` on `channel`, or throws.
    public func expect<M: MethodPayload>(_: M.Type, channel: UInt16 = 0) throws -> M {
        let frame = try receiveFrame()
        guard case .method(channel, let method) = frame, let payload = method.payload as? M else {
            throw FakeBrokerError.unexpected("expected \(M.name) on channel \(channel), got \(Self.describe(frame))")
        }
        return payload
    }

    /// Reads a content header and its body frames on `channel`.
    public func expectContent(channel: UInt16 = 1) throws -> (header: ContentHeader, body: [UInt8]) {
        let frame = try receiveFrame()
        guard case .header(channel, let header) = frame else {
            throw FakeBrokerError.unexpected(
                "expected a content header on channel \(channel), got \(Self.describe(frame))")
        }
        var body: [UInt8] = []
        while UInt64(body.count) < header.bodySize {
            let next = try receiveFrame()
            guard case .body(channel, let bytes) = next else {
                throw FakeBrokerError.unexpected(
                    "expected a body frame on channel \(channel), got \(Self.describe(next))")
            }
            body += bytes
        }
        return (header, body)
    }

    /// Waits until the client closes its end, skipping heartbeats; throws on any other frame.
    /// Expects what a client sends when this broker broke the protocol: connection.close (whose
    /// reply code it returns), then the end of the stream.
    public func expectViolationClose() throws -> UInt16 {
        let close = try expect(ConnectionClose.self)
        try expectEndOfStream()
        return close.replyCode
    }

    public func expectEndOfStream() throws {
        let deadline = Deadline.after(seconds: timeout)
        while true {
            var reader = ByteReader(inbound)
            if let frame = try Frame.decode(from: &reader, maxFrameSize: 0) {
                inbound.removeFirst(reader.position)
                guard case .heartbeat = frame else {
                    throw FakeBrokerError.unexpected("expected the end of the stream, got \(Self.describe(frame))")
                }
                heartbeatsReceived += 1
                continue
            }
            do {
                try fill(deadline: deadline, waitingFor: "the end of the stream")
            } catch FakeBrokerError.endOfStream {
                return
            }
        }
    }

    /// Reads once into the buffer; throws at the end of the stream or the deadline.
    private func fill(deadline: Deadline, waitingFor what: String) throws {
        let count: Int?
        do {
            count = try chunk.withUnsafeMutableBytes { try stream.read(into: $0, deadline: deadline) }
        } catch let error as SystemError where error.code == ECONNRESET {
            count = 0
        }
        guard let count else { throw FakeBrokerError.timedOut("waiting for \(what)") }
        guard count > 0 else {
            throw FakeBrokerError.endOfStream("the client closed the connection while the peer waited for \(what)")
        }
        inbound += chunk[0..<count]
    }

    static func describe(_ frame: Frame) -> String {
        switch frame {
        case .method(let channel, let method): "\(method.name) on channel \(channel)"
        case .header(let channel, _): "a content header on channel \(channel)"
        case .body(let channel, let bytes): "a body frame of \(bytes.count) bytes on channel \(channel)"
        case .heartbeat: "a heartbeat"
        case .delivered(let channel, _): "a delivery on channel \(channel)"
        }
    }
}

/// Why a `FakePeer` script stopped early.
public enum FakeBrokerError: Error, CustomStringConvertible {
    /// The client sent nothing in time.
    case timedOut(String)
    /// The client closed its end.
    case endOfStream(String)
    /// The client sent something the script did not expect.
    case unexpected(String)

    public var description: String {
        switch self {
        case .timedOut(let what): "fake broker timed out \(what)"
        case .endOfStream(let what): what
        case .unexpected(let what): "fake broker: \(what)"
        }
    }
}
