import AMQPWire
import TestSupport
import Testing

/// The primitives (spec 4.2.5): big-endian integers, short and long strings.
@Suite("Byte reader and writer")
struct ByteReaderWriterTests {
    @Test("integers are big-endian")
    func integers() {
        var reader = ByteReader(hex("01 | 0203 | 04050607 | 08090a0b0c0d0e0f | ff"))
        #expect(reader.readInteger(as: UInt8.self) == 0x01)
        #expect(reader.readInteger(as: UInt16.self) == 0x0203)
        #expect(reader.readInteger(as: UInt32.self) == 0x0405_0607)
        #expect(reader.readInteger(as: UInt64.self) == 0x0809_0A0B_0C0D_0E0F)
        #expect(reader.readInteger(as: Int8.self) == -1)
        #expect(reader.remaining == 0)

        var writer = ByteWriter()
        writer.writeInteger(UInt8(0x01))
        writer.writeInteger(UInt16(0x0203))
        writer.writeInteger(UInt32(0x0405_0607))
        writer.writeInteger(UInt64(0x0809_0A0B_0C0D_0E0F))
        writer.writeInteger(Int16(-2))
        expectBytes(writer.bytes, hex("01 | 0203 | 04050607 | 08090a0b0c0d0e0f | fffe"))
    }

    @Test("a read that does not fit returns nil and leaves the cursor")
    func shortReads() {
        var reader = ByteReader(hex("01 02 03"))
        #expect(reader.readInteger(as: UInt32.self) == nil)
        #expect(reader.readBytes(4) == nil)
        #expect(reader.readBytes(-1) == nil)
        let skipped = reader.skip(4)
        #expect(!skipped)
        #expect(reader.position == 0)
        #expect(reader.readBytes(3) == [1, 2, 3])
        #expect(reader.readInteger(as: UInt8.self) == nil)
        #expect(reader.position == 3)
    }

    @Test("a reader stays within its limit")
    func limit() {
        var reader = ByteReader(hex("aa | 0102 | bb"), start: 1, limit: 3)
        #expect(reader.remaining == 2)
        #expect(reader.readInteger(as: UInt32.self) == nil)
        #expect(reader.readInteger(as: UInt16.self) == 0x0102)
        #expect(reader.readInteger(as: UInt8.self) == nil)
    }

    @Test("decode reads throw truncated instead of returning nil")
    func decodeReads() {
        var reader = ByteReader(hex("05 'abc'"))
        #expect(throws: WireError.truncated(.fieldName(nil))) { try reader.decodeShortString(.fieldName(nil)) }
        #expect(reader.position == 1)
        var long = ByteReader(hex("00000004 'abc'"))
        #expect(throws: WireError.truncated(.property("x"))) { try long.decodeLongString(.property("x")) }
    }

    @Test("short strings have an octet length, long strings a 32-bit length")
    func strings() throws {
        var writer = ByteWriter()
        try writer.writeShortString("héllo", .fieldName(nil))
        writer.writeLongString(Array("hi".utf8))
        // "héllo" is 6 UTF-8 bytes: é is c3 a9.
        let bytes = hex("06 'h' c3a9 'llo' | 00000002 'hi'")
        expectBytes(writer.bytes, bytes)

        var reader = ByteReader(bytes)
        #expect(try reader.decodeShortString(.fieldName(nil)) == "héllo")
        #expect(try reader.decodeLongString(.fieldValue(tag: UInt8(ascii: "S"))) == Array("hi".utf8))
        #expect(reader.remaining == 0)
    }

    @Test("a length can be patched in after the bytes it counts")
    func patch() {
        var writer = ByteWriter()
        writer.writeInteger(UInt32(0))
        writer.writeBytes([0xAA, 0xBB])
        writer.patchUInt32(0x0102_0304, at: 0)
        expectBytes(writer.bytes, hex("01020304 aabb"))
    }
}
