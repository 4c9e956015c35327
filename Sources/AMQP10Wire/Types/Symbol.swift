/// An AMQP symbol (spec 1.6.21): a name from a constrained domain, such as an error condition
/// (`amqp:not-found`), a capability or a descriptor name. Kept apart from `String` because the
/// two encode differently.
public struct Symbol: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The symbol's text.
    public var text: String

    /// The symbol spelled `text`.
    public init(_ text: String) { self.text = text }

    /// The symbol spelled by a literal.
    public init(stringLiteral text: String) { self.text = text }

    public var description: String { text }
}
