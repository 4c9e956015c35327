/// What a described type is named by (spec 1.5): a numeric code, `domain:id` packed into a
/// ulong, or a symbolic name. The spec's types have both; peers send the code.
public enum Descriptor: Hashable, Sendable, CustomStringConvertible {
    /// A numeric descriptor, such as 0x10 for `open` (domain 0, the AMQP one).
    case code(UInt64)
    /// A symbolic descriptor, such as `amqp:open:list`.
    case symbol(Symbol)

    public var description: String {
        switch self {
        case .code(let code): "0x\(Self.hex(code >> 32)):0x\(Self.hex(code & 0xFFFF_FFFF))"
        case .symbol(let symbol): symbol.text
        }
    }

    /// Eight hex digits, as the spec writes each half of a code (`0x00000000:0x00000010`).
    private static func hex(_ half: UInt64) -> String {
        let digits = String(half, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }
}
