#if canImport(Glibc)
    import Glibc
#endif

/// Buffered output to a file descriptor with explicit flushes, so callers know exactly what was
/// written (consume acks only what has been flushed).
final class OutputStream {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    /// True once the reader has gone away (EPIPE).
    private(set) var readerGone = false

    init(descriptor: Int32) {
        self.descriptor = descriptor
        buffer.reserveCapacity(64 * 1024)
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
            let written = buffer.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
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

    /// Whether the descriptor is a terminal.
    var isTerminal: Bool { isatty(descriptor) == 1 }
}
