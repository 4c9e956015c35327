/// Reads big-endian AMQP 1.0 primitives from a byte array (spec 1.2: network byte order).
///
/// The `read` methods return nil when too few bytes remain and then leave the cursor where it
/// was; the `decode` methods throw `WireError.truncated` instead, for use inside a frame whose
/// length is already known to be complete.
public struct ByteReader {
    /// The bytes being read; shared, never copied.
    public let bytes: [UInt8]
    /// The index of the next byte to read.
    public private(set) var position: Int
    /// One past the last byte this reader may read.
    public let limit: Int

    /// A reader over `bytes[start..<limit]` (the whole array by default).
    public init(_ bytes: [UInt8], start: Int = 0, limit: Int? = nil) {
        precondition(
            start >= 0 && start <= (limit ?? bytes.count) && (limit ?? bytes.count) <= bytes.count,
            "reader window outside its bytes")
        self.bytes = bytes
        self.position = start
        self.limit = limit ?? bytes.count
    }

    /// How many bytes are left to read.
    public var remaining: Int { limit - position }

    /// Reads a big-endian integer of `T`'s width, or nil when not enough bytes remain.
    public mutating func readInteger<T: FixedWidthInteger>(as: T.Type = T.self) -> T? {
        let size = MemoryLayout<T>.size
        guard remaining >= size else { return nil }
        let start = position
        position += size
        return bytes.withUnsafeBytes { T(bigEndian: $0.loadUnaligned(fromByteOffset: start, as: T.self)) }
    }

    /// Reads `count` bytes, or nil when not enough remain.
    public mutating func readBytes(_ count: Int) -> [UInt8]? {
        guard count >= 0, remaining >= count else { return nil }
        defer { position += count }
        return Array(bytes[position..<(position + count)])
    }

    /// Moves the cursor past `count` bytes; false (and no move) when not enough remain.
    public mutating func skip(_ count: Int) -> Bool {
        guard count >= 0, remaining >= count else { return false }
        position += count
        return true
    }

    /// Reads a big-endian integer or throws `WireError.truncated` naming `what`.
    public mutating func decodeInteger<T: FixedWidthInteger>(
        as: T.Type = T.self, _ what: @autoclosure () -> WireError.Field
    ) throws(WireError) -> T {
        guard let value = readInteger(as: T.self) else { throw .truncated(what()) }
        return value
    }

    /// Reads `count` bytes or throws `WireError.truncated` naming `what`.
    public mutating func decodeBytes(_ count: Int, _ what: @autoclosure () -> WireError.Field) throws(WireError)
        -> [UInt8]
    {
        guard let value = readBytes(count) else { throw .truncated(what()) }
        return value
    }

    /// A reader over the next `count` bytes, which this one moves past; throws `truncated` when
    /// fewer remain. Compound values are read through one, so none reads past its own size.
    mutating func decodeWindow(_ count: Int, _ what: @autoclosure () -> WireError.Field) throws(WireError)
        -> ByteReader
    {
        guard count >= 0, remaining >= count else { throw .truncated(what()) }
        defer { position += count }
        return ByteReader(bytes, start: position, limit: position + count)
    }

    /// Reads `count` bytes that must be valid UTF-8; throws `truncated` when fewer remain and
    /// `malformed(.invalidUTF8)` when they are not UTF-8.
    public mutating func decodeUTF8(count: Int, _ what: @autoclosure () -> WireError.Field) throws(WireError)
        -> String
    {
        guard count >= 0, remaining >= count else { throw .truncated(what()) }
        defer { position += count }
        let text = bytes[position..<(position + count)]
        // ASCII, as names, keys and most values are, is UTF-8 with nothing to check: decoded at
        // once, not through the general validator, which costs far more.
        if text.allSatisfy({ $0 < 0x80 }) { return String(decoding: text, as: UTF8.self) }
        guard let string = String(validating: text, as: UTF8.self) else { throw .malformed(what(), .invalidUTF8) }
        return string
    }
}
