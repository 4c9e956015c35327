/// A bidirectional byte stream: what the connection needs from TCP (and, later, TLS).
///
/// Every call that may wait takes a deadline; none blocks past it.
public protocol ByteStream: AnyObject {
    /// Writes all of `bytes`, or throws. Times out with `StreamError.timedOut`.
    func write(_ bytes: UnsafeRawBufferPointer, deadline: Deadline) throws
    /// Reads whatever is available (at most `buffer.count` bytes), waiting until at least one
    /// byte arrives, the peer closes (returns 0), or the deadline passes (returns nil).
    func read(into buffer: UnsafeMutableRawBufferPointer, deadline: Deadline) throws -> Int?
    /// Closes the stream; later calls fail.
    func close()
}

/// Failures of a byte stream that are not a libc error.
public enum StreamError: Error, Hashable, Sendable {
    /// A write could not complete before its deadline.
    case timedOut
}
