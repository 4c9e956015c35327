#if canImport(Glibc)
    import Glibc
#endif

/// Linux's `F_GETPIPE_SZ` (F_LINUX_SPECIFIC_BASE + 8), which Glibc's module does not export.
private let getPipeSize: Int32 = 1032

/// Buffered output to a file descriptor with explicit flushes, so callers know exactly what was
/// written (consume acks only what has been flushed).
final class OutputStream {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    /// True once the reader has gone away (EPIPE).
    private(set) var readerGone = false
    /// The capacity of the pipe the output goes into, or nil when it is not a pipe.
    private let pipeCapacity: Int?
    /// Runs instead of a write that would block, with the output's descriptor, and returns once
    /// there is room (or the reader went away): a consumer keeps its connection serviced while a
    /// slow reader catches up.
    var waitForRoom: ((Int32) throws(Failure) -> Void)?

    init(descriptor: Int32) {
        self.descriptor = descriptor
        buffer.reserveCapacity(64 * 1024)
        var status = stat()
        if fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFIFO {
            let size = fcntl(descriptor, getPipeSize)
            pipeCapacity = size > 0 ? Int(size) : nil
        } else {
            pipeCapacity = nil
        }
    }

    /// Bytes waiting for a flush.
    var pendingCount: Int { buffer.count }

    func write(_ bytes: [UInt8]) { buffer.append(contentsOf: bytes) }

    func write(_ text: String) { buffer.append(contentsOf: text.utf8) }

    /// Writes out the buffer; throws `Failure` on a write error other than EPIPE, which sets
    /// `readerGone` and drops the rest.
    func flush() throws(Failure) {
        var offset = 0
        defer { buffer.removeAll(keepingCapacity: true) }
        while offset < buffer.count {
            let length = try room(for: buffer.count - offset)
            let written = buffer.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, length) }
            if written >= 0 {
                offset += written
                continue
            }
            switch errno {
            case EINTR: continue
            case EPIPE:
                readerGone = true
                return
            default:
                throw Failure(.unavailable, "cannot write output: \(String(cString: strerror(errno)))")
            }
        }
    }

    /// How many of `wanted` bytes can be written now without blocking, after waiting (through
    /// `waitForRoom`) until some can. Without a waiter, or for output other than a pipe, all.
    private func room(for wanted: Int) throws(Failure) -> Int {
        guard let waitForRoom else { return wanted }
        var entry = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
        if poll(&entry, 1, 0) == 0 { try waitForRoom(descriptor) }
        guard let pipeCapacity else { return wanted }
        // A pipe that polls writable takes at least PIPE_BUF bytes without blocking; beyond that,
        // what its reader has not taken yet (FIONREAD on the write end) says how much more fits,
        // less a page for the part of a page that reads leave unused.
        var unread: Int32 = 0
        guard ioctl(descriptor, UInt(FIONREAD), &unread) == 0 else { return min(wanted, Int(PIPE_BUF)) }
        return min(wanted, max(Int(PIPE_BUF), pipeCapacity - Int(unread) - 4096))
    }

    /// Whether the descriptor is a terminal.
    var isTerminal: Bool { isatty(descriptor) == 1 }
}
