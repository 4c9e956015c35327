/// The kind of value an option or argument takes; the parser checks it and names the problem.
public enum ValueKind: Hashable, Sendable {
    /// Any text.
    case text
    /// A whole number within the range.
    case integer(ClosedRange<Int64>)
    /// A duration such as `500ms`, `30s`, `5m`, `2h` (a bare number is seconds).
    case duration
    /// One of these words exactly.
    case choice([String])
    /// One of these words, or any other (listed for help and completion only).
    case suggestions([String])
    /// A file path (completed as a file by the shells).
    case path
    /// A word that a `TextDecodable` type reads (`KEY=VALUE`, a rate, a time, ...).
    case decoded(Decoding)
    /// Any text, which the shells complete from the lines this shell command prints (e.g. the
    /// names of queues on the broker); completion stays silent when it fails or is slow.
    case completedBy(String)
}

/// One option: `--name value`, `--name=value`, `-n value`, or a flag `--name` / `--no-name`.
public struct OptionSpec: Hashable, Sendable {
    /// The long name, without the leading dashes.
    public var name: String
    /// The one-letter short name, if any.
    public var short: Character?
    /// The value it takes, or nil for a flag.
    public var value: ValueKind?
    /// What to show for the value in help, e.g. `NAME`.
    public var valueName: String
    /// The value (or for a flag, "true"/"false") used when the option is absent.
    public var defaultValue: String?
    /// True when the option may be given many times (`--header k=v --header k2=v2`).
    public var repeatable: Bool
    /// True when a flag also has a `--no-NAME` form.
    public var negatable: Bool
    /// An environment variable that supplies the value when the option is absent.
    public var environment: String?
    /// One line for help.
    public var help: String
    /// True when the option applies to every command and may come before or after the verb.
    public var isGlobal: Bool
    /// Whether its value is, or may carry, a secret that must never be shown.
    public var secrecy: Secrecy
    /// The key that sets it in a configuration file, or nil when a file cannot set it.
    public var configurationKey: String?

    public init(
        _ name: String, short: Character? = nil, value: ValueKind? = nil, valueName: String = "VALUE",
        default defaultValue: String? = nil, repeatable: Bool = false, negatable: Bool = false,
        environment: String? = nil, global: Bool = false, secrecy: Secrecy = .none, help: String
    ) {
        self.secrecy = secrecy
        self.name = name
        self.short = short
        self.value = value
        self.valueName = valueName
        self.defaultValue = defaultValue
        self.repeatable = repeatable
        self.negatable = negatable
        self.environment = environment
        self.isGlobal = global
        self.help = help
    }

    /// The same option, settable in a configuration file under its name with `_` for `-`.
    public func configurable() -> OptionSpec {
        var copy = self
        copy.configurationKey = name.replacingDashes()
        return copy
    }

    /// A flag (takes no value).
    public static func flag(
        _ name: String, short: Character? = nil, default defaultValue: Bool = false, negatable: Bool = false,
        global: Bool = false, help: String
    ) -> OptionSpec {
        OptionSpec(name, short: short, default: defaultValue ? "true" : nil, negatable: negatable, global: global, help: help)
    }
}

/// One positional argument.
public struct ArgumentSpec: Hashable, Sendable {
    public var name: String
    public var value: ValueKind
    public var isOptional: Bool
    /// True when it takes every remaining positional word.
    public var isVariadic: Bool
    public var help: String

    public init(_ name: String, value: ValueKind = .text, optional: Bool = false, variadic: Bool = false, help: String) {
        self.name = name
        self.value = value
        self.isOptional = optional
        self.isVariadic = variadic
        self.help = help
    }
}

/// A command: a name, what it does, what it takes, its subcommands, and what runs it. Plain data,
/// from which the parser, help, completions and the man page are all derived.
public struct CommandSpec: Sendable {
    public var name: String
    /// One line for command lists.
    public var summary: String
    /// Paragraphs for full help, after the summary.
    public var discussion: String
    public var arguments: [ArgumentSpec]
    public var options: [OptionSpec]
    public var subcommands: [CommandSpec]
    /// Example command lines, each with a comment line before it (starting with `#`) if wanted.
    public var examples: [String]
    /// Rules between its options, checked before it runs.
    public var rules: [OptionRule]
    /// What runs the command, for the program that owns the tree to cast to its own type (nil
    /// for a command that only groups others).
    public var action: (any Sendable)?

    public init(
        _ name: String, summary: String, discussion: String = "", arguments: [any ArgumentDeclaration] = [],
        options: [OptionSpec] = [], subcommands: [CommandSpec] = [], examples: [String] = [], rules: [OptionRule] = [],
        action: (any Sendable)? = nil
    ) {
        self.rules = rules
        self.action = action
        self.name = name
        self.summary = summary
        self.discussion = discussion
        self.arguments = arguments.map(\.spec)
        self.options = options
        self.subcommands = subcommands
        self.examples = examples
    }

    /// A command whose options are typed declarations (`Option`), plain specs, or both.
    public init(
        _ name: String, summary: String, discussion: String = "", arguments: [any ArgumentDeclaration] = [],
        options: [any OptionDeclaration], subcommands: [CommandSpec] = [], examples: [String] = [], rules: [OptionRule] = [],
        action: (any Sendable)? = nil
    ) {
        self.init(
            name, summary: summary, discussion: discussion, arguments: arguments, options: options.map(\.spec), subcommands: subcommands,
            examples: examples, rules: rules, action: action)
    }

    /// The subcommand named `name`.
    public func subcommand(_ name: String) -> CommandSpec? { subcommands.first { $0.name == name } }
}

extension String {
    /// The name with every `-` made `_` (`password-file` is `password_file` in a file).
    fileprivate func replacingDashes() -> String { String(map { $0 == "-" ? "_" : $0 }) }
}

extension CommandSpec {
    /// This command's options and those of every command under it, depth first.
    public var allOptions: [OptionSpec] { options + subcommands.flatMap(\.allOptions) }
}
