import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// A file mq writes whole or not at all (a definitions export, a stream's offset file): a reader
/// never sees it half written.
enum AtomicFile {
    /// Writes `bytes` to a temporary file beside `path`, then renames it over `path`.
    static func write(_ bytes: [UInt8], to path: String) throws(Failure) {
        let temporary = "\(path).mq-\(getpid()).tmp"
        let descriptor: Int32
        do {
            descriptor = try syscall("open") { open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644) }
        } catch {
            throw Failure(.io(.cannotWriteFile(path: path, error)))
        }
        let output = OutputStream(descriptor: descriptor)
        output.write(bytes)
        do {
            try output.flush()
        } catch {
            close(descriptor)
            unlink(temporary)
            guard case .io(.cannotWriteOutput(let cause)) = error.cause else { throw error }
            throw Failure(.io(.cannotWriteFile(path: path, cause)))
        }
        close(descriptor)
        do {
            try syscall("rename") { rename(temporary, path) }
        } catch {
            unlink(temporary)
            throw Failure(.io(.cannotWriteFile(path: path, error)))
        }
    }

    /// The contents of `path`, or nil when there is no such file.
    static func contents(of path: String) throws(Failure) -> [UInt8]? {
        guard access(path, F_OK) == 0 else { return nil }
        return try InputReader.contents(of: path)
    }
}
