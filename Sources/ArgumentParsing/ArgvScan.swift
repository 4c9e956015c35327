/// One pass over argv, a word at a time: the command the words reach, the options given (each
/// value checked against its kind, and given once unless repeatable), and the positional words
/// with their places in argv. `Parser.parse` runs it, then checks what it found as a whole.
struct ArgvScan<Action: AnyObject & Sendable> {
    private let argv: [String]
    /// The root's global options, which every command takes.
    private let globals: [OptionSpec]
    private(set) var command: CommandSpec<Action> {
        didSet { available = Self.options(of: command, globals: globals) }
    }
    /// The options of the command reached so far: its own, then the globals it does not redefine.
    private(set) var available: [OptionSpec]
    private(set) var path: [String] = []
    private(set) var given = NamedValues()
    /// Positional words with their places in argv.
    private(set) var words: [(word: String, position: Int)] = []
    /// Set after `--`: every later word is positional.
    private var onlyWords = false
    private var index = 0

    init(_ argv: [String], root: CommandSpec<Action>) {
        self.argv = argv
        command = root
        globals = root.options.filter { $0.isGlobal }
        available = root.options
    }

    private static func options(of command: CommandSpec<Action>, globals: [OptionSpec]) -> [OptionSpec] {
        command.options + globals.filter { global in !command.options.contains { $0.name == global.name } }
    }

    /// A parse error at argv's `position` (nil: not one word's fault), under the command reached.
    func fail(_ problem: ParseError.Problem, at position: Int?) -> ParseError {
        ParseError(problem, at: position, commandPath: path)
    }

    /// Takes every word of argv.
    mutating func scanAll() throws(ParseError) {
        while index < argv.count {
            let token = argv[index]
            let position = index
            index += 1
            if onlyWords || token == "-" || !token.hasPrefix("-") {
                try word(token, at: position)
            } else if token == "--" {
                onlyWords = true
            } else if token.hasPrefix("--") {
                try longOption(token, at: position)
            } else {
                try shortOptions(token, at: position)
            }
        }
    }

    /// A command word while the command has subcommands and no positional word came yet; else a
    /// positional word.
    private mutating func word(_ token: String, at position: Int) throws(ParseError) {
        guard words.isEmpty, !onlyWords, !command.subcommands.isEmpty else { return words.append((token, position)) }
        guard let sub = command.subcommand(token) else {
            let names = command.subcommands.map(\.name)
            let suggestion = Suggestions.closest(to: token, among: names)
            throw fail(.unknownCommand(token, group: path, expected: names, suggestion: suggestion), at: position)
        }
        command = sub
        path.append(token)
    }

    /// `--name`, `--name=value`, `--name value`, or `--no-name` for a negatable flag.
    private mutating func longOption(_ token: String, at position: Int) throws(ParseError) {
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
                try recordNextWord(for: spec, written: "--" + name, at: position)
            }
        } else if name.hasPrefix("no-"),
            let spec = available.first(where: { $0.name == name.dropFirst(3) && $0.negatable })
        {
            guard inline == nil else { throw fail(.unexpectedValue(option: "--" + name), at: position) }
            try record("false", for: spec, at: position)
        } else {
            let names = available.flatMap { $0.negatable ? [$0.name, "no-" + $0.name] : [$0.name] }
            let suggestion = Suggestions.closest(to: name, among: names).map { "--" + $0 }
            throw fail(.unknownOption("--" + name, suggestion: suggestion), at: position)
        }
    }

    /// Short options, possibly packed: -vq, -n5, -n 5.
    private mutating func shortOptions(_ token: String, at position: Int) throws(ParseError) {
        var letters = token.dropFirst()
        while let letter = letters.first {
            letters = letters.dropFirst()
            guard let spec = available.first(where: { $0.short == letter }) else {
                throw fail(.unknownOption("-\(letter)", suggestion: nil), at: position)
            }
            if spec.value == nil {
                try record("true", for: spec, at: position)
            } else if !letters.isEmpty {
                return try record(String(letters), for: spec, at: position)
            } else {
                return try recordNextWord(for: spec, written: "-\(letter)", at: position)
            }
        }
    }

    /// Takes the next word of argv as the value of the option (written as `written`) at `position`.
    private mutating func recordNextWord(for spec: OptionSpec, written: String, at position: Int) throws(ParseError) {
        guard index < argv.count else {
            throw fail(.missingValue(option: written, valueName: spec.valueName), at: position)
        }
        index += 1
        try record(argv[index - 1], for: spec, at: index - 1, optionAt: position)
    }

    /// Records `value` for `spec`, given by the word at `position` (the option's, or its value's
    /// when that is a word of its own, the option then being at `optionPosition`).
    private mutating func record(
        _ value: String, for spec: OptionSpec, at position: Int, optionAt optionPosition: Int? = nil
    ) throws(ParseError) {
        if let problem = spec.value?.problem(with: value) {
            throw fail(.badValue(option: "--" + spec.name, problem: problem), at: position)
        }
        if spec.repeatable {
            given.append(value, to: spec.name)
        } else {
            if let earlier = given[spec.name], earlier != [value] {
                throw fail(.givenTwice(option: "--" + spec.name), at: optionPosition ?? position)
            }
            given[spec.name] = [value]
        }
    }
}
