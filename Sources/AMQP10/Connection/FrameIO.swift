import AMQP10Wire
import Transport

/// Frames over a byte stream: buffers what arrives and decodes protocol headers and frames from
/// it, buffers what goes out, and keeps the idle-time-out schedule.
final class FrameIO {
    /// What a wait ended with.
    enum Arrival: Equatable {
        case header(ProtocolHeader)
        case frame(Frame)
        case descriptor(Int16)
        case timedOut
    }

    private let stream: any ByteStream
    private var inbound: [UInt8] = []
    private var readIndex = 0
    private var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    private var outbound = ByteWriter(capacity: 64 * 1024)
    private var schedule: IdleSchedule
    /// Decode a protocol header next, not a frame (during the handshake).
    var expectsHeader = true
    /// The largest frame we accept (our max-frame-size).
    var maxFrameSize: UInt32
    /// Seconds a write may take before the peer counts as not reading.
    let writeTimeout: Double

    init(stream: any ByteStream, maxFrameSize: UInt32, writeTimeout: Double) {
        self.stream = stream
        self.maxFrameSize = maxFrameSize
        self.writeTimeout = writeTimeout
        schedule = IdleSchedule(peerIdleTimeOut: nil, ourIdleTimeOut: 0, now: .now)
    }

    /// Starts the idle-time-out schedule once both opens are known.
    func startIdleSchedule(peerIdleTimeOut: UInt32?, ourIdleTimeOut: Double) {
        schedule = IdleSchedule(peerIdleTimeOut: peerIdleTimeOut, ourIdleTimeOut: ourIdleTimeOut, now: .now)
    }

    func close() { stream.close() }

    /// Bytes queued and not yet written.
    var bufferedCount: Int { outbound.count }

    /// Buffers a header or a frame; `flush` writes them.
    func queue(_ items: [Outbound]) throws(AMQP10Error) {
        for item in items {
            switch item {
            case .header(let header):
                // The peer answers each protocol header with its own.
                outbound.writeBytes(header.bytes)
                expectsHeader = true
            case .frame(let frame):
                do throws(WireError) { try frame.encode(to: &outbound) } catch { throw .unencodable(error) }
            }
        }
    }

    /// Writes what is buffered.
    func flush() throws(AMQP10Error) {
        guard outbound.count > 0 else { return }
        do {
            try outbound.bytes.withUnsafeBytes { try stream.write($0, deadline: .after(seconds: writeTimeout)) }
        } catch {
            throw .connectionLost(ConnectionLoss(error))
        }
        outbound = ByteWriter(capacity: 64 * 1024)
        schedule.sent(at: .now)
    }

    /// The next header or frame, an event on `descriptor` (when not -1), or `.timedOut` once
    /// `deadline` passes. Sends empty frames while it waits.
    func next(deadline: Deadline, orDescriptor descriptor: Int32 = -1, events: Int16 = 0) throws(AMQP10Error)
        -> Arrival
    {
        while true {
            if let arrival = try decodeBuffered() { return arrival }
            let wake = try keepIdleSchedule(until: deadline)
            let readiness: Readiness
            do {
                readiness = try stream.waitReadable(orDescriptor: descriptor, events: events, deadline: wake)
            } catch {
                throw .connectionLost(ConnectionLoss(error))
            }
            switch readiness {
            case .descriptor(let revents): return .descriptor(revents)
            case .stream: try receive()
            case .timedOut: if deadline.hasPassed { return .timedOut }
            }
        }
    }

    private func keepIdleSchedule(until deadline: Deadline) throws(AMQP10Error) -> Deadline {
        switch schedule.due(at: .now) {
        case .nothing: break
        case .emptyFrame:
            try queue([.frame(.empty(channel: 0))])
            try flush()
        case .peerSilent(let seconds): throw .idleTimeout(seconds: seconds)
        }
        return schedule.nextCheck(before: deadline)
    }

    private func receive() throws(AMQP10Error) {
        let count: Int?
        do {
            count = try chunk.withUnsafeMutableBytes { try stream.read(into: $0, deadline: .now) }
        } catch {
            throw .connectionLost(ConnectionLoss(error))
        }
        guard let count else { return }
        guard count > 0 else { throw .connectionLost(.closedByPeer) }
        schedule.received(at: .now)
        if readIndex == inbound.count {
            inbound.removeAll(keepingCapacity: true)
            readIndex = 0
        } else if readIndex > 1 << 20 {
            inbound.removeFirst(readIndex)
            readIndex = 0
        }
        inbound.append(contentsOf: chunk[0..<count])
    }

    private func decodeBuffered() throws(AMQP10Error) -> Arrival? {
        guard readIndex < inbound.count else { return nil }
        var reader = ByteReader(inbound, start: readIndex)
        do throws(WireError) {
            if expectsHeader {
                guard let header = try ProtocolHeader.decode(from: &reader) else { return nil }
                readIndex = reader.position
                expectsHeader = false
                return .header(header)
            }
            guard let frame = try Frame.decode(from: &reader, maxFrameSize: maxFrameSize) else { return nil }
            readIndex = reader.position
            return .frame(frame)
        } catch {
            throw .protocolViolation(.malformed(error))
        }
    }
}
