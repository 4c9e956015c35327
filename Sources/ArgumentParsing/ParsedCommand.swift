/// The result of parsing: which command, and the values of its options and arguments.
///
/// Option values fall back to the environment variable, then a configuration file's value,
/// then the default, in that order.
public struct ParsedCommand: Sendable {
    /// Where an option's value came from.
    public enum Source: String, Sendable {
        case commandLine = "flag"
        case environment = "env"
        case configuration = "file"
        case defaultValue = "default"
    }

    /// The command words, e.g. `["declare", "queue"]`.
    public let path: [String]
    /// Every option that applied: the command's own and the global ones.
    public let options: [OptionSpec]
    let given: NamedValues
    let environment: Environment
    let positionals: NamedValues
    /// Values from a configuration file, by option name.
    private(set) var configuration: [String: String] = [:]

    init(
        path: [String], options: [OptionSpec], given: NamedValues,
        environment: Environment, positionals: NamedValues
    ) {
        self.path = path
        self.options = options
        self.given = given
        self.environment = environment
        self.positionals = positionals
    }

    /// The same command line with `values` (by option name) from a configuration file, which
    /// rank below the command line and the environment and above the defaults (added to any
    /// given before).
    public func addingConfiguration(_ values: [String: String]) -> ParsedCommand {
        var copy = self
        copy.configuration.merge(values) { _, new in new }
        return copy
    }

    /// The last value of option `name`, from the command line, the environment or the default.
    public func value(_ name: String) -> String? { values(name).last }

    /// Every value of a repeatable option given on the command line (else the env or default).
    ///
    /// Reading an option the command does not declare (its own, a group's or a global one) is a
    /// programming error, caught in debug builds: it would silently get nothing.
    public func values(_ name: String) -> [String] {
        assert(declares(name), "'\(path.joined(separator: " "))' reads --\(name), which it does not declare")
        if let given = given[name] { return given }
        guard let spec = options.first(where: { $0.name == name }) else { return [] }
        if let variable = spec.environment, let value = environment[variable] { return [value] }
        if let value = configuration[name] { return [value] }
        return spec.defaultValue.map { [$0] } ?? []
    }

    /// Where the value of option `name` came from.
    public func source(_ name: String) -> Source {
        assert(declares(name), "'\(path.joined(separator: " "))' asks about --\(name), which it does not declare")
        if given[name] != nil { return .commandLine }
        if let variable = options.first(where: { $0.name == name })?.environment, environment[variable] != nil {
            return .environment
        }
        return configuration[name] != nil ? .configuration : .defaultValue
    }

    /// True when the command declares option `name` (or it is a global option).
    public func declares(_ name: String) -> Bool { options.contains { $0.name == name } }

    /// True when option `name` was given on the command line (or its variable is set).
    public func isSet(_ name: String) -> Bool { source(name) != .defaultValue }

    /// The state of flag `name`.
    public func flag(_ name: String) -> Bool { value(name) == "true" }

    /// The value of integer option `name` (checked by the parser).
    public func integer(_ name: String) -> Int64? { value(name).flatMap { Int64($0) } }

    /// The value of duration option `name` in seconds (checked by the parser).
    public func duration(_ name: String) -> Double? { value(name).flatMap(DurationText.seconds) }

    /// The value of a typed option, from the command line, the environment, a configuration
    /// file or its default, in that order.
    @inlinable
    public subscript<Value>(option: Option<Value>) -> Value { option.read(values(option.spec.name)) }

    /// True when `option` was given on the command line (or its variable or file key is set).
    public func isSet(_ option: some OptionDeclaration) -> Bool { isSet(option.spec.name) }

    /// The positional argument `name` (the first word, for a variadic one).
    public func argument(_ name: String) -> String? { positionals[name]?.first }

    /// Every word of a variadic positional argument.
    public func arguments(_ name: String) -> [String] { positionals[name] ?? [] }
}
