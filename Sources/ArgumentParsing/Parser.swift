/// Parses a command line against a tree of `CommandSpec`s.
///
/// Command words come first (`declare queue`); options may appear anywhere after them, and the
/// global options anywhere at all; `--` ends options.
public struct Parser: Sendable {
    public let root: CommandSpec
    public let environment: [String: String]
    /// The name of the flag that asks for help; when it is given, missing arguments are not errors.
    public let helpOption: String

    public init(root: CommandSpec, environment: [String: String], helpOption: String = "help") {
        self.root = root
        self.environment = environment
        self.helpOption = helpOption
    }

    public func parse(_ argv: [String]) throws(ParseError) -> ParsedCommand {
        var command = root
        var path: [String] = []
        var given: [String: [String]] = [:]
        /// Positional words with their places in argv.
        var words: [(word: String, position: Int)] = []
        var onlyWords = false
        let globals = root.options.filter(\.isGlobal)
        var available: [OptionSpec] { command.options + globals.filter { global in !command.options.contains { $0.name == global.name } } }
        func fail(_ problem: ParseError.Problem, at position: Int?) -> ParseError { ParseError(problem, at: position, commandPath: path) }
        /// Records `value` for `spec`, given by the word at `position` (the option's, or its
        /// value's when that is a word of its own).
        func record(_ value: String, for spec: OptionSpec, at position: Int, optionAt optionPosition: Int? = nil) throws(ParseError) {
            if let problem = spec.value?.problem(with: value) { throw fail(.badValue(option: "--" + spec.name, problem: problem), at: position) }
            if spec.repeatable {
                given[spec.name, default: []].append(value)
            } else {
                if let earlier = given[spec.name], earlier != [value] {
                    throw fail(.givenTwice(option: "--" + spec.name), at: optionPosition ?? position)
                }
                given[spec.name] = [value]
            }
        }

        var index = 0
        while index < argv.count {
            let token = argv[index]
            let position = index
            index += 1
            if onlyWords || token == "-" || !token.hasPrefix("-") {
                if words.isEmpty, !onlyWords, !command.subcommands.isEmpty {
                    guard let sub = command.subcommand(token) else {
                        let names = command.subcommands.map(\.name)
                        let suggestion = Suggestions.closest(to: token, among: names)
                        throw fail(.unknownCommand(token, group: path, expected: names, suggestion: suggestion), at: position)
                    }
                    command = sub
                    path.append(token)
                } else {
                    words.append((token, position))
                }
                continue
            }
            if token == "--" {
                onlyWords = true
                continue
            }
            if token.hasPrefix("--") {
                let body = token.dropFirst(2)
                let name = String(body.prefix { $0 != "=" })
                let inline = body.firstIndex(of: "=").map { String(body[body.index(after: $0)...]) }
                if let spec = available.first(where: { $0.name == name }) {
                    if spec.value == nil {
                        guard inline == nil else { throw fail(.unexpectedValue(option: "--" + name), at: position) }
                        try record("true", for: spec, at: position)
                    } else if let inline {
                        try record(inline, for: spec, at: position)
                    } else {
                        guard index < argv.count else { throw fail(.missingValue(option: "--" + name, valueName: spec.valueName), at: position) }
                        index += 1
                        try record(argv[index - 1], for: spec, at: index - 1, optionAt: position)
                    }
                } else if name.hasPrefix("no-"), let spec = available.first(where: { $0.name == name.dropFirst(3) && $0.negatable }) {
                    guard inline == nil else { throw fail(.unexpectedValue(option: "--" + name), at: position) }
                    try record("false", for: spec, at: position)
                } else {
                    let names = available.flatMap { $0.negatable ? [$0.name, "no-" + $0.name] : [$0.name] }
                    let suggestion = Suggestions.closest(to: name, among: names).map { "--" + $0 }
                    throw fail(.unknownOption("--" + name, suggestion: suggestion), at: position)
                }
                continue
            }
            // Short options, possibly packed: -vq, -n5, -n 5.
            var letters = token.dropFirst()
            while let letter = letters.first {
                letters = letters.dropFirst()
                guard let spec = available.first(where: { $0.short == letter }) else {
                    throw fail(.unknownOption("-\(letter)", suggestion: nil), at: position)
                }
                if spec.value == nil {
                    try record("true", for: spec, at: position)
                } else if !letters.isEmpty {
                    try record(String(letters), for: spec, at: position)
                    break
                } else {
                    guard index < argv.count else { throw fail(.missingValue(option: "-\(letter)", valueName: spec.valueName), at: position) }
                    index += 1
                    try record(argv[index - 1], for: spec, at: index - 1, optionAt: position)
                    break
                }
            }
        }
        let options = available
        for spec in options where given[spec.name] == nil {
            if let variable = spec.environment, let value = environment[variable], let kind = spec.value,
                let problem = kind.problem(with: value)
            {
                throw fail(.badEnvironmentValue(variable: variable, option: "--" + spec.name, problem: problem), at: nil)
            }
        }
        let helpWanted = given[helpOption] != nil
        if !command.subcommands.isEmpty, !helpWanted, !path.isEmpty || !words.isEmpty {
            throw fail(.missingCommand(group: path, expected: command.subcommands.map(\.name)), at: nil)
        }
        let positionals = try assign(words, to: command.arguments, helpWanted: helpWanted, fail: fail)
        return ParsedCommand(path: path, command: command, options: options, given: given, environment: environment, positionals: positionals)
    }

    private func assign(
        _ words: [(word: String, position: Int)], to arguments: [ArgumentSpec], helpWanted: Bool,
        fail: (ParseError.Problem, Int?) -> ParseError
    ) throws(ParseError) -> [String: [String]] {
        var result: [String: [String]] = [:]
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
                if let problem = argument.value.problem(with: word) { throw fail(.badArgument(argument.name, problem: problem), position) }
            }
            if !taken.isEmpty { result[argument.name] = taken.map(\.word) }
        }
        if let extra = remaining.first, !helpWanted { throw fail(.unexpectedArgument(extra.word), extra.position) }
        return result
    }
}
