/// Appends big-endian AMQP 1.0 primitives to a growing byte buffer.
public struct ByteWriter {
    /// Everything written so far.
    public private(set) var bytes: [UInt8]

    /// An empty writer that reserves `capacity` bytes up front.
    public init(capacity: Int = 64) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// How many bytes are written.
    public var count: Int { bytes.count }

    /// Appends `value` big-endian.
    public mutating func writeInteger<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }

    /// Forgets what was written, keeping the room it took: a writer reused for the next message.
    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }

    /// Appends raw bytes.
    public mutating func writeBytes<C: Collection<UInt8>>(_ data: C) {
        bytes.append(contentsOf: data)
    }

    /// Overwrites the four bytes at `offset` (already written) with `value`, big-endian.
    mutating func patchUInt32(_ value: UInt32, at offset: Int) {
        precondition(offset + 4 <= bytes.count, "patch beyond what is written")
        for index in 0..<4 { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (24 - 8 * index)) }
    }

    /// Overwrites the byte at `offset` (already written) with `value`.
    mutating func patchUInt8(_ value: UInt8, at offset: Int) {
        bytes[offset] = value
    }

    /// Removes `count` written bytes starting at `offset`, moving what follows them down.
    mutating func removeBytes(at offset: Int, count: Int) {
        bytes.removeSubrange(offset..<(offset + count))
    }
}
