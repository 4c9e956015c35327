import AMQP

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

    public func close() { closed = true }
}
