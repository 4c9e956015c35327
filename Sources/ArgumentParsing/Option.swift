/// Anything a command can list among its options: a plain `OptionSpec`, or a typed `Option`.
public protocol OptionDeclaration: Sendable {
    /// What the parser, help, completions and the man page see.
    var spec: OptionSpec { get }
}

extension OptionSpec: OptionDeclaration {
    public var spec: OptionSpec { self }
}

/// An option declared once, with the type of its value: a verb reads `parsed[option]` and gets a
/// `Value` (an `Int`, a `Bool`, an enumeration, ...), never a string looked up by name, so a
/// misspelt option does not compile.
///
/// The parser checks every value against the spec's `ValueKind` before a verb runs, so `read`
/// only turns text that is known to be good into its type.
public struct Option<Value: Sendable>: OptionDeclaration {
    @inlinable public var spec: OptionSpec { declared }
    @usableFromInline var declared: OptionSpec
    /// The value from every text the option was given (the command line's, else the
    /// environment's, the configuration file's or the default: empty when none).
    @usableFromInline let read: @Sendable ([String]) -> Value

    @inlinable
    public init(_ spec: OptionSpec, read: @escaping @Sendable ([String]) -> Value) {
        declared = spec
        self.read = read
    }

    /// The same option, settable in a configuration file (see `OptionSpec.configurable()`).
    @inlinable
    public consuming func configurable() -> Option {
        declared.isConfigurable = true
        return self
    }

    /// The same option as `PREFIX-NAME`, for a second set of the same options (a second broker,
    /// say): same value and secrecy; no short name; not global, not a configuration key; no
    /// default of its own in help and the environment (an absent value reads as the
    /// original's default would, and its user may fall back to the original's value); the
    /// environment variable that `environment` makes of the original's, and the help that `help`
    /// makes of the original's when it is shown.
    public func prefixed(
        _ prefix: String, environment: (String) -> String?, help: @escaping @Sendable (String) -> String
    ) -> Option {
        var copy = spec.derivingHelp(help)
        copy.name = prefix + "-" + spec.name
        copy.short = nil
        copy.isGlobal = false
        copy.isConfigurable = false
        copy.defaultValue = nil
        copy.environment = spec.environment.flatMap(environment)
        return Option(copy, read: read)
    }
}

extension Option where Value == Bool {
    /// A flag: true when given (or `--no-NAME` turns a default of true off).
    @inlinable
    public static func flag(
        _ name: String, short: Character? = nil, default defaultValue: Bool = false, negatable: Bool = false,
        global: Bool = false, help: String
    ) -> Option {
        Option(.flag(name, short: short, default: defaultValue, negatable: negatable, global: global, help: help)) {
            $0.last == "true"
        }
    }
}

extension Option where Value == String? {
    /// Text, nil when absent.
    @inlinable
    public static func text(
        _ name: String, short: Character? = nil, value: ValueKind = .text, valueName: String = "VALUE",
        environment: String? = nil, global: Bool = false, secrecy: Secrecy = .none, help: String
    ) -> Option {
        Option(
            OptionSpec(
                name, short: short, value: value, valueName: valueName, environment: environment, global: global,
                secrecy: secrecy, help: help)
        ) { $0.last }
    }
}

extension Option where Value == String {
    /// Text with a default.
    @inlinable
    public static func text(
        _ name: String, short: Character? = nil, value: ValueKind = .text, valueName: String = "VALUE",
        default defaultValue: String,
        environment: String? = nil, global: Bool = false, help: String
    ) -> Option {
        Option(
            OptionSpec(
                name, short: short, value: value, valueName: valueName, default: defaultValue, environment: environment,
                global: global, help: help)
        ) {
            $0.last ?? defaultValue
        }
    }
}

extension Option where Value == [String] {
    /// Text given any number of times, in order.
    @inlinable
    public static func repeated(
        _ name: String, short: Character? = nil, value: ValueKind = .text, valueName: String = "VALUE", help: String
    ) -> Option {
        Option(OptionSpec(name, short: short, value: value, valueName: valueName, repeatable: true, help: help)) { $0 }
    }
}

extension Option where Value == Int? {
    /// A whole number within `range`, nil when absent.
    @inlinable
    public static func integer(
        _ name: String, short: Character? = nil, range: ClosedRange<Int64>, valueName: String = "N",
        global: Bool = false, help: String
    ) -> Option {
        Option(OptionSpec(name, short: short, value: .integer(range), valueName: valueName, global: global, help: help))
        {
            $0.last.flatMap { Int($0) }
        }
    }
}

extension Option where Value == Int {
    /// A whole number within `range`, with a default.
    @inlinable
    public static func integer(
        _ name: String, short: Character? = nil, range: ClosedRange<Int64>, valueName: String = "N",
        default defaultValue: Int,
        global: Bool = false, help: String
    ) -> Option {
        Option(
            OptionSpec(
                name, short: short, value: .integer(range), valueName: valueName, default: String(defaultValue),
                global: global, help: help)
        ) {
            $0.last.flatMap { Int($0) } ?? defaultValue
        }
    }
}

extension Option where Value == Double? {
    /// A duration in seconds (`500ms`, `30s`, `5m`, `2h`), nil when absent.
    @inlinable
    public static func duration(
        _ name: String, short: Character? = nil, valueName: String = "DURATION", global: Bool = false, help: String
    ) -> Option {
        Option(OptionSpec(name, short: short, value: .duration, valueName: valueName, global: global, help: help)) {
            $0.last.flatMap(DurationText.seconds)
        }
    }
}

extension Option where Value == Double {
    /// A duration in seconds, with a default written as a duration (`"10s"`).
    @inlinable
    public static func duration(
        _ name: String, short: Character? = nil, valueName: String = "DURATION", default defaultValue: String,
        global: Bool = false, help: String
    ) -> Option {
        Option(
            OptionSpec(
                name, short: short, value: .duration, valueName: valueName, default: defaultValue, global: global,
                help: help)
        ) {
            $0.last.flatMap(DurationText.seconds) ?? DurationText.seconds(defaultValue) ?? 0
        }
    }
}

extension Option {
    /// One of an enumeration's cases, by raw value, with a default.
    @inlinable
    public static func choice(
        _ name: String, short: Character? = nil, valueName: String, default defaultValue: Value, global: Bool = false,
        help: String
    ) -> Option where Value: RawRepresentable<String> & CaseIterable {
        let spec = OptionSpec(
            name, short: short, value: .choice(Value.allCases.map { $0.rawValue }), valueName: valueName,
            default: defaultValue.rawValue,
            global: global, help: help)
        return Option(spec) { $0.last.flatMap(Value.init(rawValue:)) ?? defaultValue }
    }
}

extension Option {
    /// A word that `Decoded` reads (a rate, a time, ...), nil when absent.
    @inlinable
    public static func decoded<Decoded: TextDecodable>(
        _ name: String, short: Character? = nil, valueName: String, global: Bool = false, help: String
    ) -> Option where Value == Decoded? {
        Option(
            OptionSpec(
                name, short: short, value: .decoded(Decoding(Decoded.self)), valueName: valueName, global: global,
                help: help)
        ) {
            $0.last.flatMap { try? Decoded(text: $0) }
        }
    }

    /// Words that `Decoded` reads, given any number of times, in order.
    @inlinable
    public static func repeated<Decoded: TextDecodable>(
        _ name: String, short: Character? = nil, valueName: String, help: String
    ) -> Option where Value == [Decoded] {
        Option(
            OptionSpec(
                name, short: short, value: .decoded(Decoding(Decoded.self)), valueName: valueName, repeatable: true,
                help: help)
        ) {
            $0.compactMap { try? Decoded(text: $0) }
        }
    }
}
