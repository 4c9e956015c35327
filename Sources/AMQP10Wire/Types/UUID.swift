/// An AMQP uuid (spec 1.6.18): 16 bytes, as RFC 4122 lays them out, held as two big-endian halves.
public struct UUID: Hashable, Sendable, CustomStringConvertible {
    /// The first eight bytes.
    public var high: UInt64
    /// The last eight bytes.
    public var low: UInt64

    /// The uuid whose bytes are `high` then `low`, each big-endian.
    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// The canonical 8-4-4-4-12 lowercase hex form.
    public var description: String {
        let digits = Self.hex(high, 16) + Self.hex(low, 16)
        let cuts = [8, 12, 16, 20]
        var text = ""
        for (index, digit) in digits.enumerated() {
            if cuts.contains(index) { text.append("-") }
            text.append(digit)
        }
        return text
    }

    private static func hex(_ value: UInt64, _ width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: width - digits.count) + digits
    }
}
