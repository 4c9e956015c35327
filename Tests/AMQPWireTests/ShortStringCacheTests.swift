import AMQPWire
import TestSupport
import Testing

/// The cache a connection's reader keeps for the names every delivery repeats.
@Suite("Short string cache")
struct ShortStringCacheTests {
    /// A short string (length octet, then bytes) for each of `strings`, back to back.
    static func encoded(_ strings: [String]) -> [UInt8] {
        strings.flatMap { [UInt8($0.utf8.count)] + Array($0.utf8) }
    }

    @Test("long names come back equal, whether decoded or remembered, through more names than it holds")
    func remembersAndEvicts() throws {
        let names = (0..<5).map { "amq.ctag-\($0)-" + String(repeating: "x", count: 20 + $0) } + ["short", ""]
        let sequence = names + names.reversed() + names
        var reader = ByteReader(Self.encoded(sequence))
        // The reader does not retain its cache: the test keeps it alive.
        let cache = ShortStringCache(capacity: 2)
        reader.stringCache = cache
        for expected in sequence {
            #expect(try reader.decodeShortString(.fieldName(nil)) == expected)
        }
        withExtendedLifetime(cache) {}
        #expect(reader.remaining == 0)
    }

    @Test("names that differ in one byte, or only in length, are told apart")
    func nearMisses() throws {
        let base = String(repeating: "k", count: 24)
        let sequence = [base, base + "l", String(base.dropLast()) + "j", base, String(base.dropLast())]
        var reader = ByteReader(Self.encoded(sequence))
        let cache = ShortStringCache()
        reader.stringCache = cache
        for expected in sequence {
            #expect(try reader.decodeShortString(.fieldName(nil)) == expected)
        }
        withExtendedLifetime(cache) {}
    }

    @Test("bytes that are not UTF-8 are refused every time, never remembered")
    func invalidIsNeverCached() {
        let bad = [UInt8](repeating: 0x41, count: 20) + [0xc3, 0x28]
        var reader = ByteReader([UInt8(bad.count)] + bad + [UInt8(bad.count)] + bad)
        let cache = ShortStringCache()
        reader.stringCache = cache
        #expect(throws: WireError.invalidUTF8(.fieldName(nil))) { try reader.decodeShortString(.fieldName(nil)) }
        #expect(throws: WireError.invalidUTF8(.fieldName(nil))) { try reader.decodeShortString(.fieldName(nil)) }
        withExtendedLifetime(cache) {}
    }
}
