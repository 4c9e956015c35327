/// Anything a command can list among its positional arguments: a plain `ArgumentSpec`, or a
/// typed `Argument`.
public protocol ArgumentDeclaration: Sendable {
    /// What the parser, help, completions and the man page see.
    var spec: ArgumentSpec { get }
}

extension ArgumentSpec: ArgumentDeclaration {
    public var spec: ArgumentSpec { self }
}

/// A positional argument declared once, with the type it is read as: a verb reads
/// `parsed[Purge.queue]` and gets a `String` (or `String?`, `[String]`, a `TextDecodable`
/// value), never a word looked up by the argument's name.
public struct Argument<Value: Sendable>: ArgumentDeclaration {
    public let spec: ArgumentSpec
    /// The value from the words the argument took (empty when none).
    private let read: @Sendable ([String]) -> Value

    init(_ spec: ArgumentSpec, read: @escaping @Sendable ([String]) -> Value) {
        self.spec = spec
        self.read = read
    }

    func value(from words: [String]) -> Value { read(words) }
}

extension Argument where Value == String {
    /// A word that must be given (the parser refuses a command line without it, except when
    /// help is asked for, where it reads as empty).
    public static func required(_ name: String, value: ValueKind = .text, help: String) -> Argument {
        Argument(ArgumentSpec(name, value: value, help: help)) { $0.first ?? "" }
    }
}

extension Argument where Value == String? {
    /// A word that may be left out.
    public static func optional(_ name: String, value: ValueKind = .text, help: String) -> Argument {
        Argument(ArgumentSpec(name, value: value, optional: true, help: help)) { $0.first }
    }
}

extension Argument where Value == [String] {
    /// Every remaining word (`optional`: none is fine).
    public static func variadic(_ name: String, value: ValueKind = .text, optional: Bool = false, help: String)
        -> Argument
    {
        Argument(ArgumentSpec(name, value: value, optional: optional, variadic: true, help: help)) { $0 }
    }
}

extension ParsedCommand {
    /// The value of a typed positional argument.
    public subscript<Value>(argument: Argument<Value>) -> Value {
        argument.value(from: positionals[argument.spec.name] ?? [])
    }

    /// True when the positional argument was given.
    public func isGiven(_ argument: some ArgumentDeclaration) -> Bool { positionals[argument.spec.name] != nil }
}
