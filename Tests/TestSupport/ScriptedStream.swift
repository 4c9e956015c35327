import AMQP
import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// A server's side of one connection, as a test scripts it: what each read returns. Records what
/// the client writes.
public final class ScriptedStream: ByteStream {
    /// What one read gets.
    public enum Reply {
        case bytes(String)
        /// The server closes the connection.
        case end
        /// Nothing arrives before the deadline.
        case silence
    }

    private var replies: [Reply]
    /// Everything the client has written.
    public private(set) var written: [UInt8] = []
    public private(set) var closed = false

    public init(_ replies: [Reply]) { self.replies = replies }

    public var descriptor: Int32 { -1 }

    /// What the client has written, as text.
    public var writtenText: String { String(decoding: written, as: UTF8.self) }

    public func write(_ bytes: UnsafeRawBufferPointer, deadline: Deadline) throws { written += bytes }

    public func read(into buffer: UnsafeMutableRawBufferPointer, deadline: Deadline) throws -> Int? {
        guard !replies.isEmpty else { return 0 }
        switch replies.removeFirst() {
        case .bytes(let text):
            let bytes = Array(text.utf8)
            precondition(bytes.count <= buffer.count, "a scripted reply larger than the client's read buffer")
            buffer.copyBytes(from: bytes)
            return bytes.count
        case .end: return 0
        case .silence: return nil
        }
    }

    /// A scripted reply counts as ready at once, silence as the deadline passing; `descriptor`
    /// is polled first, so a test can make it ready.
    public func waitReadable(orDescriptor descriptor: Int32, events: Int16, deadline: Deadline) throws -> Readiness {
        var entry = pollfd(fd: descriptor, events: events, revents: 0)
        let silent: Bool
        if case .silence = replies.first { silent = true } else { silent = false }
        if poll(&entry, 1, silent ? deadline.pollTimeout : 0) > 0 { return .descriptor(entry.revents) }
        if silent {
            replies.removeFirst()
            return .timedOut
        }
        return .stream
    }

    public func close() { closed = true }
}
