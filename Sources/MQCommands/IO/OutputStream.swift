import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// Linux's `F_GETPIPE_SZ` (F_LINUX_SPECIFIC_BASE + 8), which Glibc's module does not export.
private let getPipeSize: Int32 = 1032

/// Linux's `SIOCOUTQ` (`TIOCOUTQ`): the bytes in a socket's send queue that the peer has not
/// taken yet (for TCP, not yet acknowledged by it).
private let socketOutputQueue = UInt(0x5411)

/// Buffered output to a file descriptor with explicit flushes, so callers know exactly what was
/// written, and, for a pipe or a socket, how much of it the reader has taken out (consume acks
/// only what has been taken).
final class OutputStream {
    /// What the output goes into: it decides what "the reader has the bytes" can mean.
    enum Destination: Equatable {
        /// A pipe of this capacity: what its reader has not read is still in it (FIONREAD).
        case pipe(capacity: Int)
        /// A socket: what its peer has not taken is still in the send queue (SIOCOUTQ).
        case socket
        case terminal
        case regularFile
        /// Anything else (/dev/null, a character device): written is all there is to know.
        case other
    }

    let descriptor: Int32
    let destination: Destination
    private var buffer: [UInt8] = []
    /// Every byte written out so far (flushed, not only buffered).
    private(set) var bytesWritten = 0
    /// True once the reader has gone away (EPIPE, or a hang-up seen by `readerLeft(revents:)`).
    private(set) var readerGone = false
    /// The most `bytesTaken` has counted so far (for a pipe or socket; without asking again).
    private(set) var lastSeenTaken = 0
    /// Runs instead of a write that would block, with the output's descriptor, and returns once
    /// there is room (or the reader went away): a consumer keeps its connection serviced while a
    /// slow reader catches up.
    var waitForRoom: ((Int32) throws(Failure) -> Void)?

    init(descriptor: Int32) {
        self.descriptor = descriptor
        destination = Self.destination(of: descriptor)
        buffer.reserveCapacity(64 * 1024)
    }

    private static func destination(of descriptor: Int32) -> Destination {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return .other }
        switch status.st_mode & S_IFMT {
        case S_IFIFO:
            let size = fcntl(descriptor, getPipeSize)
            return .pipe(capacity: size > 0 ? Int(size) : 65536)
        case S_IFSOCK: return .socket
        case S_IFREG: return .regularFile
        default: return isatty(descriptor) == 1 ? .terminal : .other
        }
    }

    /// Bytes waiting for a flush.
    var pendingCount: Int { buffer.count }

    func write(_ bytes: [UInt8]) { buffer.append(contentsOf: bytes) }

    func write(_ text: String) { buffer.append(contentsOf: text.utf8) }

    /// Drops what is buffered and not written out.
    func discardPending() { buffer.removeAll(keepingCapacity: true) }

    /// Lets `build` append to the buffer in place (no bytes of its own to allocate).
    func append(_ build: (inout [UInt8]) -> Void) { build(&buffer) }

    /// Writes out the buffer; throws `Failure` on a write error other than EPIPE, which sets
    /// `readerGone` and drops the rest.
    func flush() throws(Failure) {
        var offset = 0
        defer { buffer.removeAll(keepingCapacity: true) }
        while offset < buffer.count {
            let length = try room(for: buffer.count - offset)
            let start = offset
            do {
                let written = try syscall("write") {
                    buffer.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + start, length) }
                }
                offset += written
                bytesWritten += written
            } catch {
                guard error.code == EPIPE else { throw Failure(.io(.cannotWriteOutput(error))) }
                readerGone = true
                return
            }
        }
    }

    /// Makes what was written durable: `fsync` for a regular file, nothing for other outputs.
    func synchronize() throws(Failure) {
        guard destination == .regularFile else { return }
        do {
            try syscall("fsync") { fsync(descriptor) }
        } catch {
            throw Failure(.io(.cannotSyncOutput(error)))
        }
    }

    /// Whether the reader's progress can be seen: the output is a pipe or a socket.
    var seesReader: Bool {
        switch destination {
        case .pipe, .socket: true
        case .terminal, .regularFile, .other: false
        }
    }

    /// Whether poll can tell that the reader left: the output is a pipe, a socket or a terminal.
    var watchesReader: Bool { seesReader || destination == .terminal }

    /// Of `bytesWritten`, how many the reader has taken out of the pipe or socket; for other
    /// outputs, all of them.
    ///
    /// A pipe keeps what its reader left unread after it closed, so the count stays exact. A
    /// socket drops its queue when the peer goes, so a count is trusted only if the socket had
    /// not hung up by the time it was read; after that the last trusted count stands.
    var bytesTaken: Int {
        let request: UInt
        switch destination {
        case .pipe: request = UInt(FIONREAD)
        case .socket where readerGone: return lastSeenTaken
        case .socket: request = socketOutputQueue
        case .terminal, .regularFile, .other: return bytesWritten
        }
        // Should the kernel not say, count nothing more as taken: a message is acked late, never early.
        guard let unread = unreadBytes(request) else { return lastSeenTaken }
        if destination == .socket {
            var entry = pollfd(fd: descriptor, events: 0, revents: 0)
            if poll(&entry, 1, 0) > 0, readerLeft(revents: entry.revents) { return lastSeenTaken }
        }
        // A Unix socket counts its buffers' size, more than their bytes: never below what was seen.
        lastSeenTaken = max(lastSeenTaken, bytesWritten - unread)
        return lastSeenTaken
    }

    /// What the kernel says is still unread in the pipe (`FIONREAD`) or socket (`SIOCOUTQ`), or
    /// nil when it does not say.
    private func unreadBytes(_ request: UInt) -> Int? {
        var unread: Int32 = 0
        return ioctl(descriptor, request, &unread) == 0 ? Int(unread) : nil
    }

    /// Records what poll reported for the output while mq waited for something else: true (and
    /// `readerGone`) when the reader has gone: a pipe without a reader, a hung-up socket or terminal.
    func readerLeft(revents: Int16) -> Bool {
        if revents & Int16(POLLERR | POLLHUP) != 0 { readerGone = true }
        return readerGone
    }

    /// How many of `wanted` bytes can be written now without blocking, after waiting (through
    /// `waitForRoom`) until some can. Without a waiter, or for output other than a pipe, all.
    private func room(for wanted: Int) throws(Failure) -> Int {
        guard let waitForRoom else { return wanted }
        var entry = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
        if poll(&entry, 1, 0) == 0 { try waitForRoom(descriptor) }
        guard case .pipe(let capacity) = destination else { return wanted }
        // A pipe that polls writable takes at least PIPE_BUF bytes without blocking; beyond that,
        // what its reader has not taken yet (FIONREAD on the write end) says how much more fits,
        // less a page for the part of a page that reads leave unused.
        guard let unread = unreadBytes(UInt(FIONREAD)) else { return min(wanted, Int(PIPE_BUF)) }
        return min(wanted, max(Int(PIPE_BUF), capacity - unread - 4096))
    }

    /// Whether the descriptor is a terminal.
    var isTerminal: Bool { destination == .terminal }
}
