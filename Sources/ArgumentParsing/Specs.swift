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
///
/// Two specs are equal when everything help and the parser see is equal (the help line as shown).
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
    /// One line for help (a derived one is made when it is shown, not when the spec is built).
    public var help: String {
        get { deriveHelp.map { $0(baseHelp) } ?? baseHelp }
        set {
            baseHelp = newValue
            deriveHelp = nil
        }
    }
    private var baseHelp: String
    private var deriveHelp: (@Sendable (String) -> String)?
    /// True when the option applies to every command and may come before or after the verb.
    public var isGlobal: Bool
    /// Whether its value is, or may carry, a secret that must never be shown.
    public var secrecy: Secrecy
    /// The key that sets it in a configuration file, or nil when a file cannot set it.
    public var configurationKey: String? { isConfigurable ? name.replacingDashes() : nil }
    /// Whether a configuration file can set it (under `configurationKey`).
    public var isConfigurable = false

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
        self.baseHelp = help
    }

    /// The same option with its help line made from this one's by `transform`, when it is shown.
    public func derivingHelp(_ transform: @escaping @Sendable (String) -> String) -> OptionSpec {
        var copy = self
        if let earlier = deriveHelp {
            copy.deriveHelp = { @Sendable text in transform(earlier(text)) }
        } else {
            copy.deriveHelp = transform
        }
        return copy
    }

    public static func == (left: OptionSpec, right: OptionSpec) -> Bool {
        left.name == right.name && left.short == right.short && left.value == right.value
            && left.valueName == right.valueName
            && left.defaultValue == right.defaultValue && left.repeatable == right.repeatable
            && left.negatable == right.negatable
            && left.environment == right.environment && left.isGlobal == right.isGlobal && left.secrecy == right.secrecy
            && left.isConfigurable == right.isConfigurable && left.help == right.help
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(name) }

    /// The same option, settable in a configuration file under its name with `_` for `-`.
    @inlinable
    public func configurable() -> OptionSpec {
        var copy = self
        copy.isConfigurable = true
        return copy
    }

    /// A flag (takes no value).
    public static func flag(
        _ name: String, short: Character? = nil, default defaultValue: Bool = false, negatable: Bool = false,
        global: Bool = false, help: String
    ) -> OptionSpec {
        OptionSpec(
            name, short: short, default: defaultValue ? "true" : nil, negatable: negatable, global: global, help: help)
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

    public init(_ name: String, value: ValueKind = .text, optional: Bool = false, variadic: Bool = false, help: String)
    {
        self.name = name
        self.value = value
        self.isOptional = optional
        self.isVariadic = variadic
        self.help = help
    }
}

/// A command: a name, what it does, what it takes, its subcommands, and what runs it. Plain data,
/// from which the parser, help, completions and the man page are all derived. `Action` is the
/// type the program that owns the tree runs a command with (a class: a spec's layout is then the
/// same whatever the program, which keeps the type's set-up at start-up small).
public struct CommandSpec<Action: AnyObject & Sendable>: Sendable {
    public var name: String
    /// One line for command lists.
    public var summary: String
    /// Paragraphs for full help, after the summary (made when they are shown).
    public var discussion: String { makeDiscussion() }
    private var makeDiscussion: @Sendable () -> String
    public var arguments: [ArgumentSpec]
    public var options: [OptionSpec]
    /// The commands under this one, each built only when something asks for it.
    public var subcommands: [Subcommand<Action>]
    /// Example command lines, each with a comment line before it (starting with `#`) if wanted.
    public var examples: [String]
    /// Rules between its options, checked before it runs (made when they are checked).
    public var rules: [OptionRule] { makeRules() }
    private let makeRules: @Sendable () -> [OptionRule]
    /// What runs the command (nil for a command that only groups others).
    public var action: Action?

    /// A command whose options are typed declarations (`Option`), plain specs, or both, after
    /// those of the option `groups` it includes (whose rules it checks as well).
    public init(
        _ name: String, summary: String, discussion: @autoclosure @escaping @Sendable () -> String = "",
        arguments: [any ArgumentDeclaration] = [], options: [any OptionDeclaration] = [], groups: [OptionGroup] = [],
        subcommands: [Subcommand<Action>] = [], examples: [String] = [],
        rules: @autoclosure @escaping @Sendable () -> [OptionRule] = [],
        action: Action? = nil
    ) {
        self.init(
            name, summary: summary, discussion: discussion(), arguments: arguments,
            specs: groups.flatMap { $0.options } + options.map { $0.spec }, subcommands: subcommands,
            examples: examples,
            rules: groups.flatMap { $0.rules } + rules(), action: action)
    }

    /// A command whose options are all plain specs.
    public init(
        _ name: String, summary: String, discussion: @autoclosure @escaping @Sendable () -> String = "",
        arguments: [any ArgumentDeclaration] = [], specs options: [OptionSpec], subcommands: [Subcommand<Action>] = [],
        examples: [String] = [], rules: @autoclosure @escaping @Sendable () -> [OptionRule] = [], action: Action? = nil
    ) {
        self.makeRules = rules
        self.action = action
        self.name = name
        self.summary = summary
        self.makeDiscussion = discussion
        self.arguments = arguments.map { $0.spec }
        self.options = options
        self.subcommands = subcommands
        self.examples = examples
    }

    /// A command grouping commands that are already built.
    public init(
        _ name: String, summary: String, discussion: @autoclosure @escaping @Sendable () -> String = "",
        options: [any OptionDeclaration] = [], subcommands: [CommandSpec<Action>], examples: [String] = [],
        rules: @autoclosure @escaping @Sendable () -> [OptionRule] = []
    ) {
        self.init(
            name, summary: summary, discussion: discussion(), options: options,
            subcommands: subcommands.map(Subcommand.init),
            examples: examples, rules: rules())
    }

    /// The subcommand named `name`, built (and only that one).
    public func subcommand(_ name: String) -> CommandSpec? { subcommands.first { $0.name == name }?.spec }
}

/// A command as the group above it lists it: the word that selects it, and a way to build its
/// spec, so that parsing one command builds none of the others (nor their help text).
public struct Subcommand<Action: AnyObject & Sendable>: Sendable {
    /// The command word; the spec built must carry the same name.
    public let name: String
    private let build: @Sendable () -> CommandSpec<Action>

    /// The command `name`, whose spec `build` makes (or returns from a `static let`) when asked.
    public init(_ name: String, _ build: @escaping @Sendable () -> CommandSpec<Action>) {
        self.name = name
        self.build = build
    }

    /// A command already built.
    public init(_ spec: CommandSpec<Action>) {
        self.init(spec.name) { spec }
    }

    /// The command's spec.
    public var spec: CommandSpec<Action> { build() }
}

extension String {
    /// The name with every `-` made `_` (`password-file` is `password_file` in a file).
    fileprivate func replacingDashes() -> String { String(map { $0 == "-" ? "_" : $0 }) }
}

extension CommandSpec {
    /// This command's options and those of every command under it, depth first.
    public var allOptions: [OptionSpec] { options + subcommands.flatMap { $0.spec.allOptions } }

    /// This command and every command under it (all of them built), each with the command words
    /// that lead to it from here, parents before children.
    public var tree: [(path: [String], spec: CommandSpec)] {
        func walk(_ spec: CommandSpec, _ path: [String]) -> [(path: [String], spec: CommandSpec)] {
            [(path, spec)] + spec.subcommands.flatMap { walk($0.spec, path + [$0.name]) }
        }
        return walk(self, [])
    }
}
