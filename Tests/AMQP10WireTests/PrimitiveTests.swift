import AMQP10Wire
import TestSupport
import Testing

/// The primitive encodings (spec 1.6, types.xml): each constructor with its data, decoded, and
/// the most compact one chosen when encoding. Vectors are written from the spec's tables.
@Suite("Primitive types")
struct PrimitiveTests {
    @Test("null, and booleans in the compact true and false codes and the one-octet form")
    func nullAndBoolean() throws {
        try expectCanonical(hex("40"), .null)
        try expectCanonical(hex("41"), .boolean(true))
        try expectCanonical(hex("42"), .boolean(false))
        try expectValue(hex("56 01"), .boolean(true))
        try expectValue(hex("56 00"), .boolean(false))
        expectValueError(hex("56 02"), .malformed(.value, .invalidBoolean(2)))
    }

    @Test("unsigned integers take uint0, smalluint, ulong0 and smallulong where the value fits")
    func unsignedIntegers() throws {
        try expectCanonical(hex("50 ff"), .ubyte(255))
        try expectCanonical(hex("60 1234"), .ushort(0x1234))
        try expectCanonical(hex("43"), .uint(0))
        try expectCanonical(hex("52 07"), .uint(7))
        try expectCanonical(hex("52 ff"), .uint(255))
        try expectCanonical(hex("70 00000100"), .uint(256))
        try expectCanonical(hex("70 ffffffff"), .uint(.max))
        try expectValue(hex("70 00000007"), .uint(7))
        try expectCanonical(hex("44"), .ulong(0))
        try expectCanonical(hex("53 ff"), .ulong(255))
        try expectCanonical(hex("80 0000000100000000"), .ulong(1 << 32))
        try expectValue(hex("80 0000000000000000"), .ulong(0))
    }

    @Test("signed integers take smallint and smalllong from -128 to 127, two's complement")
    func signedIntegers() throws {
        try expectCanonical(hex("51 80"), .byte(-128))
        try expectCanonical(hex("61 fffe"), .short(-2))
        try expectCanonical(hex("54 ff"), .int(-1))
        try expectCanonical(hex("54 7f"), .int(127))
        try expectCanonical(hex("71 00000100"), .int(256))
        try expectCanonical(hex("71 ffffff7f"), .int(-129))
        try expectValue(hex("71 00000001"), .int(1))
        try expectCanonical(hex("55 80"), .long(-128))
        try expectCanonical(hex("81 ffffffffffffff7f"), .long(-129))
        try expectCanonical(hex("81 8000000000000000"), .long(.min))
    }

    @Test("floats and doubles are IEEE 754 big-endian; decimals are carried as their bits")
    func floatingPoint() throws {
        try expectCanonical(hex("72 3fc00000"), .float(1.5))
        try expectCanonical(hex("82 400921fb54442d18"), .double(.pi))
        try expectCanonical(hex("74 22500001"), .decimal32(0x2250_0001))
        try expectCanonical(hex("84 2238000000000001"), .decimal64(0x2238_0000_0000_0001))
        try expectCanonical(
            hex("94 2208000000000000 0000000000000001"), .decimal128(high: 0x2208_0000_0000_0000, low: 1))
    }

    @Test("a char is a UTF-32 scalar; a surrogate is not one")
    func char() throws {
        try expectCanonical(hex("73 0001f600"), .char("\u{1F600}"))
        try expectCanonical(hex("73 00000041"), .char("A"))
        expectValueError(hex("73 0000d800"), .malformed(.value, .invalidChar(0xD800)))
        expectValueError(hex("73 00110000"), .malformed(.value, .invalidChar(0x11_0000)))
    }

    @Test("a timestamp is signed milliseconds since the epoch; a uuid is 16 bytes")
    func timestampAndUUID() throws {
        // 2023-11-14T22:13:20Z is 1_700_000_000_000 ms, 0x18BCFE56800.
        try expectCanonical(hex("83 0000018bcfe56800"), .timestamp(Timestamp(millisecondsSince1970: 1_700_000_000_000)))
        try expectCanonical(hex("83 ffffffffffffffff"), .timestamp(Timestamp(millisecondsSince1970: -1)))
        let uuid = UUID(high: 0x0011_2233_4455_6677, low: 0x8899_AABB_CCDD_EEFF)
        try expectCanonical(hex("98 0011223344556677 8899aabbccddeeff"), .uuid(uuid))
        #expect(uuid.description == "00112233-4455-6677-8899-aabbccddeeff")
    }

    @Test("binary, string and symbol take the 8-bit length up to 255 bytes and the 32-bit one beyond")
    func variableWidth() throws {
        try expectCanonical(hex("a0 03 010203"), .binary([1, 2, 3]))
        try expectCanonical(hex("a0 00"), .binary([]))
        try expectValue(hex("b0 00000003 010203"), .binary([1, 2, 3]))
        let long = [UInt8](repeating: 0x61, count: 256)
        try expectCanonical(hex("b0 00000100") + long, .binary(long))
        try expectCanonical(hex("a0 ff") + long.dropLast(), .binary(Array(long.dropLast())))

        try expectCanonical(hex("a1 05 'hello'"), .string("hello"))
        try expectCanonical(hex("a1 03 e282ac"), .string("€"))
        try expectValue(hex("b1 00000005 'hello'"), .string("hello"))
        try expectCanonical(hex("b1 00000100") + long, .string(String(repeating: "a", count: 256)))

        try expectCanonical(hex("a3 0e 'amqp:not-found'"), .symbol("amqp:not-found"))
        try expectValue(hex("b3 00000004 'PLAI'"), .symbol("PLAI"))
        try expectCanonical(hex("b3 00000100") + long, .symbol(Symbol(String(repeating: "a", count: 256))))
    }

    @Test("strings and symbols must be UTF-8")
    func invalidUTF8() {
        expectValueError(hex("a1 01 ff"), .malformed(.value, .invalidUTF8))
        expectValueError(hex("a3 02 c328"), .malformed(.value, .invalidUTF8))
        expectValueError(hex("b1 00000001 80"), .malformed(.value, .invalidUTF8))
    }

    @Test("a constructor the type system lacks is an error naming it")
    func unknownConstructors() {
        for code: UInt8 in [0x01, 0x3F, 0x46, 0x57, 0x62, 0x75, 0x99, 0xA2, 0xC2, 0xE1, 0xFF] {
            expectValueError([code, 0, 0, 0, 0], .malformed(.value, .unknownConstructor(code)))
        }
    }
}
