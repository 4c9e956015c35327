/// Appends big-endian AMQP primitives to a growing byte buffer.
///
/// The buffer is allocated ahead (zero-filled, doubling when full) and written in place, so an
/// integer costs one store instead of one array append per byte: encoding is on the path of
/// every published message.
public struct ByteWriter {
    @usableFromInline var storage: [UInt8]
    /// How many bytes of `storage` are written.
    public var count: Int { written }
    @usableFromInline var written = 0

    /// An empty writer that reserves `capacity` bytes up front, uninitialised: bytes are read
    /// only up to `count`, after they were written, so the pages of a large reserve that is never
    /// reached take no memory.
    public init(capacity: Int = 0) {
        let size = max(capacity, 64)
        storage = [UInt8](unsafeUninitializedCapacity: size) { _, initialized in initialized = size }
    }

    /// Everything written so far (a copy).
    public var bytes: [UInt8] { Array(storage[..<written]) }

    /// Calls `body` with the written bytes, without copying them.
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try storage.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[..<written])) }
    }

    /// Forgets everything written, keeping the buffer for what comes next.
    public mutating func removeAll() { written = 0 }

    /// Makes room for `extra` more bytes and returns where they go.
    @inlinable @inline(__always)
    mutating func advance(by extra: Int) -> Int {
        let offset = written
        if offset + extra > storage.count { grow(toHold: offset + extra) }
        written = offset + extra
        return offset
    }

    /// Doubles the buffer until it holds `needed` bytes.
    @usableFromInline
    mutating func grow(toHold needed: Int) {
        var capacity = max(storage.count, 64)
        while capacity < needed { capacity *= 2 }
        storage += [UInt8](repeating: 0, count: capacity - storage.count)
    }

    /// Appends `value` big-endian.
    @inlinable @inline(__always)
    public mutating func writeInteger<T: FixedWidthInteger>(_ value: T) {
        let offset = advance(by: MemoryLayout<T>.size)
        storage.withUnsafeMutableBytes { $0.storeBytes(of: value.bigEndian, toByteOffset: offset, as: T.self) }
    }

    /// Appends raw bytes.
    public mutating func writeBytes<C: Collection<UInt8>>(_ data: C) {
        let copied: Void? = data.withContiguousStorageIfAvailable { copy(UnsafeRawBufferPointer($0)) }
        if copied == nil {
            let offset = advance(by: data.count)
            var index = offset
            for byte in data {
                storage[index] = byte
                index += 1
            }
        }
    }

    /// Appends the bytes `source` points at.
    private mutating func copy(_ source: UnsafeRawBufferPointer) {
        guard !source.isEmpty else { return }
        let offset = advance(by: source.count)
        storage.withUnsafeMutableBytes {
            UnsafeMutableRawBufferPointer(rebasing: $0[offset...]).copyMemory(from: source)
        }
    }

    /// Appends a short string; throws when its UTF-8 form exceeds 255 bytes.
    public mutating func writeShortString(_ string: String, _ what: @autoclosure () -> WireError.Field)
        throws(WireError)
    {
        // withUTF8 hands over the bytes in place (small strings from the stack): the fastest way
        // to copy a routing key or exchange name, written for every message.
        var string = string
        let length = string.withUTF8 { utf8 in
            guard utf8.count <= 255 else { return utf8.count }
            writeInteger(UInt8(utf8.count))
            copy(UnsafeRawBufferPointer(utf8))
            return 0
        }
        if length > 0 { throw .valueTooLong(what(), length: length) }
    }

    /// Appends a long string: a 32-bit length, then the bytes.
    public mutating func writeLongString<C: Collection<UInt8>>(_ data: C) {
        writeInteger(UInt32(truncatingIfNeeded: data.count))
        writeBytes(data)
    }

    /// Overwrites four bytes at `offset` with `value` big-endian (for lengths known only later).
    public mutating func patchUInt32(_ value: UInt32, at offset: Int) {
        precondition(offset + 4 <= written, "patch beyond what is written")
        storage.withUnsafeMutableBytes { $0.storeBytes(of: value.bigEndian, toByteOffset: offset, as: UInt32.self) }
    }
}
