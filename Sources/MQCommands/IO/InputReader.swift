import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// Reads standard input (or a file) in chunks: all of it, or line by line in constant memory.
final class InputReader {
    let descriptor: Int32
    /// What is read, for error messages: `standard input` or `'PATH'`.
    private let name: String
    private let ownsDescriptor: Bool
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    private var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    /// Runs instead of a read that would block, with the input's descriptor, and returns once it
    /// is readable: a publisher sends what it has queued (so a slow stream such as
    /// `tail -f log | mq publish --lines` is not held back) and keeps its connection serviced
    /// meanwhile (heartbeats, confirms), however long the input stays quiet.
    var waitForInput: ((Int32) throws(Failure) -> Void)?

    /// A reader of standard input (or of what stands in for it: a test's file).
    init(descriptor: Int32 = STDIN_FILENO) {
        self.descriptor = descriptor
        name = "standard input"
        ownsDescriptor = false
    }

    /// A reader of the file at `path`, or nil (with errno set) when it cannot be opened.
    init?(path: String) {
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        name = "'\(path)'"
        ownsDescriptor = true
    }

    deinit { if ownsDescriptor { close(descriptor) } }

    /// The whole file at `path`; a file that cannot be opened or read is a `status` failure.
    static func contents(of path: String) throws(Failure) -> [UInt8] {
        guard let reader = InputReader(path: path) else {
            throw Failure(.io(.cannotRead(source: "'\(path)'", SystemError(call: "open", code: errno))))
        }
        return try reader.readAll()
    }

    /// Whether input comes from a terminal (then mq does not wait for a body on it).
    var isTerminal: Bool { isatty(descriptor) == 1 }

    /// Everything until end of input.
    func readAll() throws(Failure) -> [UInt8] {
        while try fill() {}
        defer {
            buffer = []
            start = 0
        }
        return Array(buffer[start...])
    }

    /// The next line without its `\n` (or `\r\n`), or nil at end of input. A last line without
    /// a newline still counts.
    ///
    /// The line is a slice of the reader's buffer, not a copy: let go of it before the next read,
    /// or that read copies the buffer.
    func readLine() throws(Failure) -> ArraySlice<UInt8>? {
        var scanned = 0
        while true {
            if let newline = newlineIndex(from: start + scanned) {
                var end = newline
                if end > start, buffer[end - 1] == 13 { end -= 1 }
                let line = buffer[start..<end]
                start = newline + 1
                return line
            }
            scanned = buffer.count - start
            guard try fill() else {
                guard start < buffer.count else { return nil }
                let line = buffer[start...]
                start = buffer.count
                return line
            }
        }
    }

    /// The index of the first `\n` in the buffer at or after `from` (memchr: this runs once a line).
    private func newlineIndex(from: Int) -> Int? {
        guard from < buffer.count else { return nil }
        return buffer.withUnsafeBytes { bytes in
            memchr(bytes.baseAddress! + from, 10, bytes.count - from).map { UnsafeRawPointer($0) - bytes.baseAddress! }
        }
    }

    /// Reads one more chunk; false at end of input.
    private func fill() throws(Failure) -> Bool {
        guard !atEnd else { return false }
        if start > 0, start >= buffer.count / 2 {
            buffer.removeFirst(start)
            start = 0
        }
        if let waitForInput {
            var ready = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            if poll(&ready, 1, 0) == 0 { try waitForInput(descriptor) }
        }
        let count: Int
        do {
            count = try syscall("read") { chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) } }
        } catch {
            throw Failure(.io(.cannotRead(source: name, error)))
        }
        if count > 0 {
            buffer.append(contentsOf: chunk[0..<count])
            return true
        }
        atEnd = true
        return false
    }
}
