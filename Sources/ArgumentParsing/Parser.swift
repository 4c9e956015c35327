/// Parses a command line against a tree of `CommandSpec`s.
///
/// Command words come first (`declare queue`); options may appear anywhere after them, and the
/// global options anywhere at all; `--` ends options.
public struct Parser<Action: AnyObject & Sendable>: Sendable {
    public let root: CommandSpec<Action>
    public let environment: Environment
    /// The name of the flag that asks for help; when it is given, missing arguments are not errors.
    public let helpOption: String

    public init(root: CommandSpec<Action>, environment: Environment, helpOption: String = "help") {
        self.root = root
        self.environment = environment
        self.helpOption = helpOption
    }

    /// The command line `argv` (without the program name), parsed.
    public func parse(_ argv: [String]) throws(ParseError) -> ParsedCommand { try parseCommand(argv).parsed }

    /// The command line `argv` parsed, and the spec of the command it reached (whose `action`
    /// runs it). Only the commands on the way there are built.
    public func parseCommand(_ argv: [String]) throws(ParseError) -> (
        parsed: ParsedCommand, command: CommandSpec<Action>
    ) {
        var scan = ArgvScan(argv, root: root)
        try scan.scanAll()
        let (command, path, given) = (scan.command, scan.path, scan.given)
        let options = scan.available
        for spec in options where given[spec.name] == nil {
            if let variable = spec.environment, let value = environment[variable], let kind = spec.value,
                let problem = kind.problem(with: value)
            {
                throw scan.fail(
                    .badEnvironmentValue(variable: variable, option: "--" + spec.name, problem: problem), at: nil)
            }
        }
        let helpWanted = given[helpOption] != nil
        if !command.subcommands.isEmpty, !helpWanted, !path.isEmpty || !scan.words.isEmpty {
            throw scan.fail(.missingCommand(group: path, expected: command.subcommands.map(\.name)), at: nil)
        }
        let positionals = try assign(scan.words, to: command.arguments, helpWanted: helpWanted, fail: scan.fail)
        let parsed = ParsedCommand(
            path: path, options: options, given: given, environment: environment, positionals: positionals)
        return (parsed, command)
    }

    private func assign(
        _ words: [(word: String, position: Int)], to arguments: [ArgumentSpec], helpWanted: Bool,
        fail: (ParseError.Problem, Int?) -> ParseError
    ) throws(ParseError) -> NamedValues {
        var result = NamedValues()
        var remaining = words[...]
        for argument in arguments {
            let taken: ArraySlice<(word: String, position: Int)>
            if argument.isVariadic {
                taken = remaining
                remaining = []
            } else {
                taken = remaining.prefix(1)
                remaining = remaining.dropFirst()
            }
            if taken.isEmpty, !argument.isOptional, !helpWanted {
                throw fail(.missingArgument(argument.name), nil)
            }
            for (word, position) in taken {
                if let problem = argument.value.problem(with: word) {
                    throw fail(.badArgument(argument.name, problem: problem), position)
                }
            }
            if !taken.isEmpty { result[argument.name] = taken.map { $0.word } }
        }
        if let extra = remaining.first, !helpWanted { throw fail(.unexpectedArgument(extra.word), extra.position) }
        return result
    }
}
