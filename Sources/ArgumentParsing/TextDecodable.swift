/// A type whose values are written as one word on a command line (a rate, a time, a size, ...).
/// The parser checks every such word with `init(text:)` before a command runs, so a bad one is a
/// usage error with the same shape wherever it appears, and reading the option later cannot fail.
public protocol TextDecodable: Sendable {
    /// The value `text` stands for; throws what is wrong with it as a phrase naming the text,
    /// e.g. `'fast' is not a rate like 100/s, 30/m or 5/h`.
    init(text: String) throws(ValueProblem)
    /// Words a shell may offer for the value (none by default).
    static var suggestions: [String] { get }
}

extension TextDecodable {
    public static var suggestions: [String] { [] }
}

/// What is wrong with a word given as a value.
public struct ValueProblem: Error, Hashable, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// The parser's view of a `TextDecodable` type: its check and its suggestions, both known
/// statically (nothing about the type is looked up at run time).
public struct Decoding: Hashable, Sendable {
    /// The type decoded (two decodings are the same when they decode the same type).
    private let type: ObjectIdentifier
    private let suggest: @Sendable () -> [String]
    let check: @Sendable (String) -> ValueProblem?

    public init<Value: TextDecodable>(_ type: Value.Type) {
        self.type = ObjectIdentifier(type)
        suggest = { Value.suggestions }
        check = { text in
            do throws(ValueProblem) {
                _ = try Value(text: text)
                return nil
            } catch {
                return error
            }
        }
    }

    /// Words a shell may offer for the value.
    public var suggestions: [String] { suggest() }

    public static func == (left: Decoding, right: Decoding) -> Bool { left.type == right.type }
    public func hash(into hasher: inout Hasher) { hasher.combine(type) }
}

/// A `KEY=VALUE` word, split at its first `=` (the key is not empty; the value may be).
public struct KeyValue: TextDecodable, Hashable {
    public let key: String
    public let value: String

    public init(text: String) throws(ValueProblem) {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
            throw ValueProblem("'\(text)' is not KEY=VALUE")
        }
        key = String(text[..<equals])
        value = String(text[text.index(after: equals)...])
    }
}
