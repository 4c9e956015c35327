import AMQPWire
import Transport

/// Frames over a byte stream: buffered reads and writes, frame decoding, and heartbeats.
final class FrameTransport {
    private let stream: ByteStream
    private var inbound: [UInt8] = []
    private var readIndex = 0
    /// What one read may fill. Left uninitialised (a read writes it, and only what it wrote is
    /// copied out), so its pages take memory only once a read reaches them: a quiet connection,
    /// one of a hundred in `mq bench`, costs a few KiB, not 128.
    private var chunk = [UInt8](unsafeUninitializedCapacity: 128 * 1024) { _, initialized in initialized = 128 * 1024 }
    private var outbound = ByteWriter(capacity: 64 * 1024)
    private var maxFrameSize: UInt32 = 128 * 1024
    private var receivedFrame = false
    /// The names repeated in every delivery, decoded once.
    private let stringCache = ShortStringCache()
    /// When to send heartbeats and when the broker counts as gone (off until the tuning).
    private var schedule = HeartbeatSchedule(interval: 0, now: .now)
    /// Heartbeat interval in seconds; 0 when heartbeats are off.
    var heartbeatInterval: Double { schedule.interval }
    /// Set once a write failed: the stream is broken, and every later flush fails at once (so
    /// closing after a stalled write does not stall again).
    private var writeFailure: AMQPError?
    /// How long a write may stall before the connection is declared lost: 30 s, or two heartbeat
    /// intervals when those are shorter (a broker that reads nothing for that long is as dead as
    /// one that sends nothing).
    var writeTimeout: Double { heartbeatInterval > 0 ? min(30, 2 * heartbeatInterval) : 30 }

    /// The heartbeat schedule to keep while waiting, or nil when heartbeats are off.
    var heartbeat: Double? { heartbeatInterval > 0 ? heartbeatInterval : nil }

    /// Bytes queued beyond which `send` flushes on its own, so a stream of publishes does not
    /// grow the buffer without bound.
    private let flushThreshold = 256 * 1024

    init(stream: ByteStream) {
        self.stream = stream
    }

    /// Applies the tuning agreed in the handshake: heartbeats and the largest frame.
    func startHeartbeats(interval: UInt16, frameMax: UInt32) {
        schedule = HeartbeatSchedule(interval: Double(interval), now: .now)
        maxFrameSize = frameMax
    }

    func close() { stream.close() }

    /// True when bytes have arrived that are not yet taken as frames.
    var hasUnreadInput: Bool { readIndex < inbound.count }

    /// The descriptor poll sees readable when the broker sends something.
    var descriptor: Int32 { stream.descriptor }

    /// Sends bytes that are not a frame (the protocol header), now.
    func send(raw bytes: [UInt8], deadline: Deadline) throws(AMQPError) {
        outbound.writeBytes(bytes)
        try flush(deadline: deadline)
    }

    /// Queues a method frame.
    func send<M: MethodPayload>(method: M, channel: UInt16) throws(AMQPError) {
        do throws(WireError) {
            try Frame.writeMethod(method, channel: channel, to: &outbound.self)
        } catch {
            throw .invalidArgument(.unencodable(method: M.name, error))
        }
        try flushIfFull()
    }

    /// Queues a published message: `head` (its `basic.publish` and content header), then the body
    /// split into frames of at most frame_max bytes.
    func send(_ head: PublishHead, body: ArraySlice<UInt8>) throws(AMQPError) {
        guard body.count > flushThreshold else {
            // The usual message: encoded in one pass.
            body.withUnsafeBytes { Frame.writeMessage(head, body: $0, maxFrameSize: maxFrameSize, to: &outbound) }
            return try flushIfFull()
        }
        // A large body goes out frame by frame, so the buffer does not grow to hold all of it.
        Frame.writeHead(head, bodySize: body.count, to: &outbound)
        let largest = maxFrameSize == 0 ? body.count : Int(maxFrameSize) - Frame.overhead
        var start = body.startIndex
        while start < body.endIndex {
            let end = min(start + largest, body.endIndex)
            Frame.writeBody(body[start..<end], channel: head.channel, to: &outbound)
            start = end
            try flushIfFull()
        }
    }

    private func flushIfFull() throws(AMQPError) {
        if outbound.count >= flushThreshold { try flush() }
    }

    /// Writes everything queued, giving a stalled write `writeTimeout` (no clock read when
    /// nothing is queued: every wait calls this).
    func flush() throws(AMQPError) {
        guard outbound.count > 0 || writeFailure != nil else { return }
        try flush(deadline: .after(seconds: writeTimeout))
    }

    /// Writes everything queued.
    func flush(deadline: Deadline) throws(AMQPError) {
        if let writeFailure { throw writeFailure }
        guard outbound.count > 0 else { return }
        do {
            try outbound.withUnsafeBytes { try stream.write($0, deadline: deadline) }
        } catch StreamError.timedOut {
            writeFailure = .connectionLost(.writeStalled(seconds: Int(writeTimeout)))
        } catch {
            writeFailure = .connectionLost(ConnectionLoss(error))
        }
        if let writeFailure { throw writeFailure }
        outbound.removeAll()
        schedule.sent(at: .now)
    }

    /// The next frame, or nil when `deadline` passes first.
    ///
    /// With a `heartbeat` interval, sends a heartbeat after half an interval of our silence and
    /// fails with `heartbeatTimeout` after two intervals of the broker's.
    func nextFrame(deadline: Deadline, heartbeat: Double?) throws(AMQPError) -> Frame? {
        while true {
            if let frame = try decodeBuffered() { return frame }
            let wake = try keepHeartbeats(until: deadline, heartbeat: heartbeat)
            // Even past the deadline, read once what has already arrived (a wait of zero).
            if try !receive(until: wake), deadline.hasPassed { return nil }
        }
    }

    /// What a wait over the broker and another descriptor gives.
    enum Arrival {
        case frame(Frame)
        /// The other descriptor is ready, with poll's `revents`.
        case descriptor(Int16)
        case timedOut
    }

    /// The next frame, or the moment `descriptor` is ready for `events`, whichever comes first,
    /// keeping heartbeats as `nextFrame` does.
    func nextFrame(deadline: Deadline, heartbeat: Double?, orDescriptor descriptor: Int32, events: Int16)
        throws(AMQPError) -> Arrival
    {
        while true {
            if let frame = try decodeBuffered() { return .frame(frame) }
            let wake = try keepHeartbeats(until: deadline, heartbeat: heartbeat)
            let readiness: Readiness
            do {
                readiness = try stream.waitReadable(orDescriptor: descriptor, events: events, deadline: wake)
            } catch {
                throw .connectionLost(ConnectionLoss(error))
            }
            switch readiness {
            case .descriptor(let revents): return .descriptor(revents)
            case .stream: _ = try receive(until: .now)
            case .timedOut: if deadline.hasPassed { return .timedOut }
            }
        }
    }

    /// Sends a heartbeat when one is due and fails when the broker's are overdue; the moment a
    /// wait ending at `deadline` must wake for the next heartbeat check.
    private func keepHeartbeats(until deadline: Deadline, heartbeat: Double?) throws(AMQPError) -> Deadline {
        guard heartbeat != nil else { return deadline }
        switch schedule.due(at: .now) {
        case .nothing: break
        case .heartbeat:
            Frame.writeHeartbeat(to: &outbound)
            try flush()
        case .brokerSilent(let seconds): throw .heartbeatTimeout(seconds: seconds)
        }
        return schedule.nextCheck(before: deadline)
    }

    /// Reads what arrives before `deadline` into the inbound buffer; false when nothing did.
    private func receive(until deadline: Deadline) throws(AMQPError) -> Bool {
        let count: Int?
        do {
            count = try chunk.withUnsafeMutableBytes { try stream.read(into: $0, deadline: deadline) }
        } catch {
            throw .connectionLost(ConnectionLoss(error))
        }
        guard let count else { return false }
        guard count > 0 else {
            if !receivedFrame, let version = ProtocolHeader.version(in: inbound[readIndex...]) {
                throw .unsupportedProtocol(serverVersion: version)
            }
            throw .connectionLost(.closedByBroker)
        }
        schedule.received(at: .now)
        if readIndex > 0, readIndex == inbound.count {
            inbound.removeAll(keepingCapacity: true)
            readIndex = 0
        } else if readIndex > 1 << 20 {
            inbound.removeFirst(readIndex)
            readIndex = 0
        }
        inbound.append(contentsOf: chunk[0..<count])
        return true
    }

    private func decodeBuffered() throws(AMQPError) -> Frame? {
        guard readIndex < inbound.count else { return nil }
        var reader = ByteReader(inbound, start: readIndex)
        reader.stringCache = stringCache
        do throws(WireError) {
            if let delivered = Frame.decodeDelivery(from: &reader, maxFrameSize: maxFrameSize) {
                readIndex = reader.position
                receivedFrame = true
                return delivered
            }
            guard let frame = try Frame.decode(from: &reader, maxFrameSize: maxFrameSize) else { return nil }
            readIndex = reader.position
            receivedFrame = true
            return frame
        } catch WireError.unknownFrameType(UInt8(ascii: "A")) where !receivedFrame {
            // A server that refuses our version answers with its own protocol header.
            let pending = inbound[readIndex...]
            if let version = ProtocolHeader.version(in: pending) { throw .unsupportedProtocol(serverVersion: version) }
            // Fewer than eight bytes may still become a protocol header; more are garbage.
            if pending.count < ProtocolHeader.bytes.count { return nil }
            throw .protocolViolation(.malformed(.unknownFrameType(UInt8(ascii: "A"))))
        } catch {
            throw .protocolViolation(.malformed(error))
        }
    }
}
