/// Appends big-endian AMQP primitives to a growing byte array.
public struct ByteWriter {
    /// Everything written so far.
    public var bytes: [UInt8]

    /// An empty writer that reserves `capacity` bytes up front.
    public init(capacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Appends `value` big-endian.
    public mutating func writeInteger<T: FixedWidthInteger>(_ value: T) {
        var shift = T.bitWidth - 8
        while shift >= 0 {
            bytes.append(UInt8(truncatingIfNeeded: value >> shift))
            shift -= 8
        }
    }

    /// Appends raw bytes.
    public mutating func writeBytes<C: Collection<UInt8>>(_ data: C) {
        bytes.append(contentsOf: data)
    }

    /// Appends a short string; throws when its UTF-8 form exceeds 255 bytes.
    public mutating func writeShortString(_ string: String, _ what: @autoclosure () -> String) throws {
        let utf8 = string.utf8
        guard utf8.count <= 255 else { throw WireError.valueTooLong(what()) }
        bytes.append(UInt8(utf8.count))
        bytes.append(contentsOf: utf8)
    }

    /// Appends a long string: a 32-bit length, then the bytes.
    public mutating func writeLongString<C: Collection<UInt8>>(_ data: C) {
        writeInteger(UInt32(truncatingIfNeeded: data.count))
        bytes.append(contentsOf: data)
    }

    /// Overwrites four bytes at `offset` with `value` big-endian (for lengths known only later).
    public mutating func patchUInt32(_ value: UInt32, at offset: Int) {
        bytes[offset] = UInt8(truncatingIfNeeded: value >> 24)
        bytes[offset + 1] = UInt8(truncatingIfNeeded: value >> 16)
        bytes[offset + 2] = UInt8(truncatingIfNeeded: value >> 8)
        bytes[offset + 3] = UInt8(truncatingIfNeeded: value)
    }
}
