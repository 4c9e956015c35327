/// A bidirectional byte stream: what the connection needs from TCP (and, later, TLS).
///
/// Every call that may wait takes a deadline; none blocks past it.
public protocol ByteStream: AnyObject {
    /// Writes all of `bytes`, or throws. Times out with `StreamError.timedOut`.
    func write(_ bytes: UnsafeRawBufferPointer, deadline: Deadline) throws
    /// Reads whatever is available (at most `buffer.count` bytes), waiting until at least one
    /// byte arrives, the peer closes (returns 0), or the deadline passes (returns nil).
    func read(into buffer: UnsafeMutableRawBufferPointer, deadline: Deadline) throws -> Int?
    /// Waits until the stream has bytes to read (or its peer closed), `descriptor` is ready for
    /// `events`, or the deadline passes: the one wait over the broker and another file (the
    /// input mq publishes, the output it writes).
    func waitReadable(orDescriptor descriptor: Int32, events: Int16, deadline: Deadline) throws -> Readiness
    /// The file descriptor that poll sees readable when bytes arrive (-1 when there is none):
    /// how a wait on one connection watches another.
    var descriptor: Int32 { get }
    /// Closes the stream; later calls fail.
    func close()
}

/// What a wait over a stream and another descriptor found.
public enum Readiness: Equatable, Sendable {
    /// The stream has bytes to read, or its peer closed.
    case stream
    /// The other descriptor is ready: the `revents` poll reported (POLLHUP and POLLERR included).
    case descriptor(Int16)
    /// Neither before the deadline.
    case timedOut
}

/// Failures of a byte stream that are not a libc error.
public enum StreamError: Error, Hashable, Sendable {
    /// A write could not complete before its deadline.
    case timedOut
}
