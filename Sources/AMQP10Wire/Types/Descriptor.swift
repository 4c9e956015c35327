/// What a described type is named by (spec 1.5): a numeric code, `domain:id` packed into a
/// ulong, or a symbolic name. The spec's types have both; peers send the code.
public enum Descriptor: Hashable, Sendable, CustomStringConvertible {
    /// A numeric descriptor, such as 0x10 for `open` (domain 0, the AMQP one).
    case code(UInt64)
    /// A symbolic descriptor, such as `amqp:open:list`.
    case symbol(Symbol)

    public var description: String {
        switch self {
        case .code(let code):
            "0x\(String(code >> 32, radix: 16)):0x\(String(code & 0xFFFF_FFFF, radix: 16))"
        case .symbol(let symbol): symbol.text
        }
    }
}
