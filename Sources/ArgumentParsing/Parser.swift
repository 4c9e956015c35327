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
        var words: [String] = []
        var onlyWords = false
        let globals = root.options.filter(\.isGlobal)
        var available: [OptionSpec] { command.options + globals.filter { global in !command.options.contains { $0.name == global.name } } }
        func fail(_ message: String) -> ParseError { ParseError(message, commandPath: path) }

        var index = 0
        while index < argv.count {
            let token = argv[index]
            index += 1
            if onlyWords || token == "-" || !token.hasPrefix("-") {
                if words.isEmpty, !onlyWords, !command.subcommands.isEmpty {
                    guard let sub = command.subcommand(token) else {
                        let names = command.subcommands.map(\.name)
                        let hint = Suggestions.closest(to: token, among: names).map { " (did you mean '\($0)'?)" } ?? ""
                        let what = path.isEmpty ? "command" : "\(path.joined(separator: " ")) kind"
                        throw fail("unknown \(what) '\(token)'\(hint); expected one of: \(names.joined(separator: ", "))")
                    }
                    command = sub
                    path.append(token)
                } else {
                    words.append(token)
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
                        guard inline == nil else { throw fail("option '--\(name)' takes no value") }
                        given[name] = ["true"]
                    } else {
                        guard let value = inline ?? (index < argv.count ? argv[index] : nil) else {
                            throw fail("option '--\(name)' needs a value (\(spec.valueName))")
                        }
                        if inline == nil { index += 1 }
                        try record(value, for: spec, into: &given, fail: fail)
                    }
                } else if name.hasPrefix("no-"), let spec = available.first(where: { $0.name == name.dropFirst(3) && $0.negatable }) {
                    guard inline == nil else { throw fail("option '--\(name)' takes no value") }
                    given[spec.name] = ["false"]
                } else {
                    let names = available.flatMap { $0.negatable ? [$0.name, "no-" + $0.name] : [$0.name] }
                    let hint = Suggestions.closest(to: name, among: names).map { " (did you mean '--\($0)'?)" } ?? ""
                    throw fail("unknown option '--\(name)'\(hint)")
                }
                continue
            }
            // Short options, possibly packed: -vq, -n5, -n 5.
            var letters = token.dropFirst()
            while let letter = letters.first {
                letters = letters.dropFirst()
                guard let spec = available.first(where: { $0.short == letter }) else {
                    throw fail("unknown option '-\(letter)'")
                }
                if spec.value == nil {
                    given[spec.name] = ["true"]
                    continue
                }
                let value: String
                if !letters.isEmpty {
                    value = String(letters)
                } else if index < argv.count {
                    value = argv[index]
                    index += 1
                } else {
                    throw fail("option '-\(letter)' needs a value (\(spec.valueName))")
                }
                try record(value, for: spec, into: &given, fail: fail)
                break
            }
        }
        let options = available
        for spec in options where given[spec.name] == nil {
            if let variable = spec.environment, let value = environment[variable], let kind = spec.value,
                let problem = kind.problem(with: value)
            {
                throw fail("bad value in \(variable) for '--\(spec.name)': \(problem)")
            }
        }
        let helpWanted = given[helpOption] != nil
        if !command.subcommands.isEmpty, !helpWanted, !path.isEmpty || !words.isEmpty {
            let names = command.subcommands.map(\.name).joined(separator: ", ")
            throw fail("'\(path.joined(separator: " "))' needs one of: \(names)")
        }
        let positionals = try assign(words, to: command.arguments, helpWanted: helpWanted, fail: fail)
        return ParsedCommand(path: path, command: command, options: options, given: given, environment: environment, positionals: positionals)
    }

    private func record(
        _ value: String, for spec: OptionSpec, into given: inout [String: [String]], fail: (String) -> ParseError
    ) throws(ParseError) {
        if let problem = spec.value?.problem(with: value) { throw fail("bad value for '--\(spec.name)': \(problem)") }
        given[spec.name] = spec.repeatable ? (given[spec.name] ?? []) + [value] : [value]
    }

    private func assign(
        _ words: [String], to arguments: [ArgumentSpec], helpWanted: Bool, fail: (String) -> ParseError
    ) throws(ParseError) -> [String: [String]] {
        var result: [String: [String]] = [:]
        var remaining = words[...]
        for argument in arguments {
            let taken: [String]
            if argument.isVariadic {
                taken = Array(remaining)
                remaining = []
            } else if let word = remaining.first {
                taken = [word]
                remaining = remaining.dropFirst()
            } else {
                taken = []
            }
            if taken.isEmpty, !argument.isOptional, !helpWanted {
                throw fail("missing argument \(argument.name)")
            }
            for word in taken {
                if let problem = argument.value.problem(with: word) { throw fail("bad value for \(argument.name): \(problem)") }
            }
            if !taken.isEmpty { result[argument.name] = taken }
        }
        if let extra = remaining.first, !helpWanted { throw fail("unexpected argument '\(extra)'") }
        return result
    }
}
