/// `--offset-file`: the offset a stream read starts from next time, one number on a line,
/// replaced atomically.
enum OffsetFile {
    /// The offset saved in `path` by an earlier run, or nil when there is no such file.
    static func read(_ path: String) throws(Failure) -> Int64? {
        guard let bytes = try AtomicFile.contents(of: path) else { return nil }
        let words = String(decoding: bytes, as: UTF8.self).split(whereSeparator: { $0.isWhitespace })
        guard words.count == 1, let offset = Int64(words[0]), offset >= 0 else {
            throw Failure(.input(.badOffsetFile(path: path)))
        }
        return offset
    }

    /// Saves `offset` in `path`: written to a file beside it, then renamed over it.
    static func save(_ offset: Int64, to path: String) throws(Failure) {
        try AtomicFile.write(Array("\(offset)\n".utf8), to: path)
    }
}
