import AMQP10Wire
import TestSupport
import Testing

/// Lists, maps, arrays and described values (spec 1.2, 1.6.22-24): size, count, then elements;
/// an array's elements share one constructor.
///
/// The vectors were also read by python-qpid-proton 0.40's decoder, which took exactly their
/// bytes and found the values meant.
@Suite("Compound and described types")
struct CompoundTests {
    // [uint 1, "a"]: elements 52 01 | a1 01 61 (5 bytes); list8 size = count (1) + 5.
    static let list8 = hex("c0 06 02 | 52 01 | a1 01 61")
    // The same as list32: size = count (4) + 5.
    static let list32 = hex("d0 00000009 00000002 | 52 01 | a1 01 61")
    static let list: Value = .list([.uint(1), .string("a")])

    @Test("an empty list is list0; a short one list8; list32 decodes to the same list")
    func lists() throws {
        try expectCanonical(hex("45"), .list([]))
        try expectCanonical(Self.list8, Self.list)
        try expectValue(Self.list32, Self.list)
        try expectValue(hex("c0 01 00"), .list([]))
        try expectValue(hex("d0 00000004 00000000"), .list([]))
    }

    @Test("a list whose elements pass 255 bytes takes list32")
    func longList() throws {
        let elements = [Value](repeating: .string(String(repeating: "x", count: 100)), count: 3)
        // Three str8 elements of 2 + 100 bytes: 306 bytes, size 310.
        let bytes =
            hex("d0 00000136 00000003") + (0..<3).flatMap { _ in hex("a1 64") + Array(repeating: 0x78, count: 100) }
        try expectCanonical(bytes, .list(elements))
    }

    @Test("a map keeps its entries in order; keys and values alternate")
    func maps() throws {
        // {sym "k": true, sym "a": uint 2}: a3 01 6b 41 | a3 01 61 52 02 (9 bytes), 4 elements.
        let bytes = hex("c1 0a 04 | a3 01 6b 41 | a3 01 61 52 02")
        let map: Map = [.symbol("k"): .boolean(true), .symbol("a"): .uint(2)]
        try expectCanonical(bytes, .map(map))
        #expect(map[symbol: "a"] == .uint(2))
        try expectValue(hex("d1 0000000d 00000004 | a3 01 6b 41 | a3 01 61 52 02"), .map(map))
        try expectCanonical(hex("c1 01 00"), .map([:]))
        expectValueError(hex("c1 03 01 a3 00"), .malformed(.value, .oddMapCount(1)))
    }

    @Test("a map's subscript replaces in place, removes, and appends at the end")
    func mapSubscript() {
        var map: Map = ["a": .uint(1), "b": .uint(2)]
        map["a"] = .uint(3)
        map["c"] = .null
        map["b"] = nil
        map["missing"] = nil
        #expect(map.entries.map(\.key) == ["a", "c"])
        #expect(map["a"] == .uint(3) && map["c"] == .null && map["b"] == nil)
        map[symbol: "x-opt"] = .boolean(true)
        #expect(map[.symbol("x-opt")] == .boolean(true) && map.count == 3)
    }

    @Test("an array's elements share one constructor, wide enough for all of them")
    func arrays() throws {
        // sym8 for both: 01 'a' | 02 'bc' (5 bytes); size = count + constructor + 5.
        try expectCanonical(hex("e0 07 02 a3 | 01 61 | 02 6263"), .array([.symbol("a"), .symbol("bc")]))
        // 300 does not fit smalluint, so both are uint.
        try expectCanonical(hex("e0 0a 02 70 | 00000001 | 0000012c"), .array([.uint(1), .uint(300)]))
        try expectCanonical(hex("e0 04 02 54 | 01 | ff"), .array([.int(1), .int(-1)]))
        try expectCanonical(hex("e0 04 02 56 | 01 | 00"), .array([.boolean(true), .boolean(false)]))
        try expectValue(hex("f0 00000007 00000002 52 | 01 | 02"), .array([.uint(1), .uint(2)]))
        // Zero-width elements: the constructor alone says what each is.
        try expectValue(hex("e0 02 03 43"), .array([.uint(0), .uint(0), .uint(0)]))
        try expectValue(hex("e0 02 02 41"), .array([.boolean(true), .boolean(true)]))
        // An empty array is written with the null constructor; one without any decodes too.
        try expectCanonical(hex("e0 02 00 40"), .array([]))
        try expectValue(hex("e0 02 00 a3"), .array([]))
        try expectValue(hex("e0 01 00"), .array([]))
    }

    @Test("an array of lists or maps writes each with a 32-bit size")
    func arrayOfCompounds() throws {
        try expectCanonical(
            hex("e0 14 02 d0 | 00000006 00000001 52 07 | 00000004 00000000"),
            .array([.list([.uint(7)]), .list([])]))
    }

    @Test("an array of described values puts the descriptor in the constructor")
    func describedArray() throws {
        // Two `accepted` outcomes: constructor 00 53 24 45, elements of no bytes.
        let accepted: Value = .described(.code(0x24), .list([]))
        try expectValue(hex("e0 05 02 00 53 24 45"), .array([accepted, accepted]))
        // Our encoder writes the same array with list32 elements.
        try expectCanonical(
            hex("e0 15 02 00 53 24 d0 | 00000004 00000000 | 00000004 00000000"), .array([accepted, accepted]))
    }

    @Test("an array mixing types cannot be encoded")
    func mixedArray() {
        #expect(throws: WireError.mixedArray(.value)) { try encoded(.array([.uint(1), .string("a")])) }
        #expect(throws: WireError.mixedArray(.value)) {
            try encoded(.array([.described(.code(1), .null), .described(.code(2), .null)]))
        }
        #expect(throws: WireError.mixedArray(.value)) { try encoded(.array([.described(.code(1), .null), .null])) }
    }

    @Test("a described value is 0x00, a ulong or symbol descriptor, then the value")
    func described() throws {
        try expectCanonical(hex("00 53 10 45"), .described(.code(0x10), .list([])))
        try expectCanonical(hex("00 a3 0e 'amqp:open:list' 45"), .described(.symbol("amqp:open:list"), .list([])))
        try expectCanonical(hex("00 80 0000468c00000001 a1 01 78"), .described(.code(0x0000_468C_0000_0001), "x"))
        try expectCanonical(hex("00 53 01 00 53 02 40"), .described(.code(1), .described(.code(2), .null)))
        expectValueError(hex("00 a1 01 78 40"), .malformed(.value, .descriptorType("string")))
    }

    @Test("sizes and counts must agree with the elements")
    func sizeChecks() {
        // Size 6 holds count and one 2-byte element, but the list claims two.
        expectValueError(hex("c0 03 02 52 01 52 02"), .malformed(.value, .overrunsSize(3)))
        // Size 5 for elements of 3 bytes: two left over.
        expectValueError(hex("c0 05 01 52 01 40 40"), .malformed(.value, .sizeMismatch(announced: 5, used: 3)))
        // A list32 claiming a billion elements in 4 bytes.
        expectValueError(
            hex("d0 00000004 40000000"), .malformed(.value, .countExceedsSize(count: 0x4000_0000, size: 4)))
        expectValueError(
            hex("f0 00000005 40000000 40"), .malformed(.value, .countExceedsSize(count: 0x4000_0000, size: 5)))
    }

    @Test("nesting deeper than the limit is an error, not a stack overflow")
    func deepNesting() {
        let depth = Value.maximumDepth + 1
        // Lists of one list, innermost empty: each level 3 bytes plus what it holds.
        var bytes = hex("45")
        for _ in 0..<depth { bytes = [0xC0, UInt8(bytes.count + 1), 0x01] + bytes }
        expectValueError(bytes, .malformed(.value, .nestedTooDeeply))
        let descriptors = [UInt8](repeating: 0x00, count: 200) + [0x40]
        expectValueError(descriptors, .malformed(.value, .nestedTooDeeply))
    }

    @Test("values round-trip through their encoding")
    func roundTrips() throws {
        let values: [Value] = [
            .list([.null, .boolean(true), .ubyte(1), .ushort(2), .uint(3), .ulong(4), .byte(-5), .short(-6)]),
            .list([.int(-7), .long(-8), .float(9.5), .double(-10.25), .char("z"), .binary([]), .string("")]),
            .map([.symbol("x-opt"): .array([.long(1), .long(1 << 40)]), .ulong(0): .map([.string("a"): .null])]),
            .described(
                .symbol("com.example:thing"), .array([.string("a"), .string(String(repeating: "b", count: 300))])),
        ]
        for value in values {
            var reader = ByteReader(try encoded(value))
            #expect(try Value.decode(from: &reader) == value)
            #expect(reader.remaining == 0)
        }
    }
}
