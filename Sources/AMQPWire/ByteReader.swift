/// Reads big-endian AMQP primitives from a byte array.
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
    /// Where short strings are looked up before they are built (set by a connection's reader).
    /// Not retained (a reader is made for every frame): the cache must outlive the reader, as
    /// the transport that owns both ensures. Package-only for that reason.
    package unowned(unsafe) var stringCache: ShortStringCache?

    /// A reader over `bytes[start..<limit]` (the whole array by default).
    public init(_ bytes: [UInt8], start: Int = 0, limit: Int? = nil) {
        // Reads load without further bounds checks: the window must lie inside the array.
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

    /// Reads a short string (octet length, then UTF-8 bytes; spec 4.2.5.3).
    public mutating func decodeShortString(_ what: @autoclosure () -> WireError.Field) throws(WireError) -> String {
        let length = Int(try decodeInteger(as: UInt8.self, what()))
        return try decodeUTF8(count: length, what())
    }

    /// Reads a long string (32-bit length, then bytes; spec 4.2.5.3) as raw bytes.
    public mutating func decodeLongString(_ what: @autoclosure () -> WireError.Field) throws(WireError) -> [UInt8] {
        let length = Int(try decodeInteger(as: UInt32.self, what()))
        return try decodeBytes(length, what())
    }

    /// Reads `count` bytes that must be valid UTF-8.
    public mutating func decodeUTF8(count: Int, _ what: @autoclosure () -> WireError.Field) throws(WireError) -> String
    {
        guard count >= 0, remaining >= count else { throw .truncated(what()) }
        guard count > 0 else { return "" }
        defer { position += count }
        let start = position
        let string = bytes.withUnsafeBufferPointer { buffer -> String? in
            let slice = UnsafeBufferPointer(rebasing: buffer[start..<(start + count)])
            // Even a short string that a String holds inline costs more to validate and build
            // than to find again (a routing key repeated by every delivery).
            guard let stringCache else { return Self.string(utf8: slice) }
            return stringCache.string(for: slice) { Self.string(utf8: slice) }
        }
        guard let string else { throw .invalidUTF8(what()) }
        return string
    }

    /// The string `bytes` spell, or nil when they are not valid UTF-8.
    private static func string(utf8 bytes: UnsafeBufferPointer<UInt8>) -> String? {
        // Names and keys are nearly always ASCII, which is valid UTF-8 as it stands: skip the
        // general validator, which costs more than the rest of decoding a delivery.
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        return String(validating: bytes, as: UTF8.self)
    }
}
