/// Every command in a tree with its path, for the generators.
struct CommandNode<Action: AnyObject & Sendable> {
    /// The command words after the program name, e.g. `["declare", "queue"]`.
    let path: [String]
    let spec: CommandSpec<Action>
    /// The options that apply: the command's own, then the global ones it does not redefine.
    let options: [OptionSpec]

    /// A shell identifier for the node, e.g. `mq_declare_queue`.
    func identifier(program: String) -> String { Self.identifier(program: program, path: path) }

    /// A shell identifier for the command at `path`.
    static func identifier(program: String, path: [String]) -> String {
        ([program] + path).map { $0.map { $0.isLetter || $0.isNumber ? $0 : "_" } }.map { String($0) }.joined(
            separator: "_")
    }

    /// Every node of the tree rooted at `root`, parents before children.
    static func all(_ root: CommandSpec<Action>) -> [CommandNode] {
        let globals = root.options.filter(\.isGlobal)
        return root.tree.map { path, spec in
            let own = path.isEmpty ? root.options : spec.options
            return CommandNode(
                path: path, spec: spec,
                options: own + globals.filter { global in !own.contains { $0.name == global.name } })
        }
    }
}

/// The case arms both POSIX-style shells (bash and zsh) use to follow the words typed so far.
enum ShellCaseArms {
    /// `node:word)` arms that move to a subcommand, or skip the value of an option that takes one.
    static func walk<Action>(_ nodes: [CommandNode<Action>], program: String, indent: String) -> [String] {
        var lines: [String] = []
        for node in nodes {
            let id = node.identifier(program: program)
            for sub in node.spec.subcommands {
                let child = CommandNode<Action>.identifier(program: program, path: node.path + [sub.name])
                lines.append("\(indent)\(id):\(sub.name)) node=\(child); positionals=0 ;;")
            }
            let valued = node.options.filter { $0.value != nil }
            let names = valued.map { "\(id):--\($0.name)" } + valued.compactMap { $0.short.map { "\(id):-\($0)" } }
            if !names.isEmpty { lines.append("\(indent)\(names.joined(separator: "|"))) skip=1 ;;") }
        }
        return lines
    }

    /// `node:--option)` arms that complete an option's value with `action`'s statement.
    static func values<Action>(
        _ nodes: [CommandNode<Action>], program: String, indent: String, action: (ValueKind) -> String?
    ) -> [String] {
        var lines: [String] = []
        for node in nodes {
            let id = node.identifier(program: program)
            for option in node.options {
                guard let value = option.value, let statement = action(value) else { continue }
                let names = ["\(id):--\(option.name)"] + (option.short.map { ["\(id):-\($0)"] } ?? [])
                lines.append("\(indent)\(names.joined(separator: "|"))) \(statement); return ;;")
            }
        }
        return lines
    }

    /// Every option word of a node, `--no-` forms included, sorted.
    static func optionWords<Action>(_ node: CommandNode<Action>) -> [String] {
        node.options.flatMap { option in
            option.negatable ? ["--\(option.name)", "--no-\(option.name)"] : ["--\(option.name)"]
        }.sorted()
    }

    /// The `case $positionals in ...` statement completing positional arguments, or nil when none
    /// can be; `open` goes before each pattern (zsh writes `(0)`, bash `0)`).
    static func positionals<Action>(_ node: CommandNode<Action>, action: (ValueKind) -> String?, open: String)
        -> String?
    {
        var cases: [String] = []
        for (index, argument) in node.spec.arguments.enumerated() {
            guard let statement = action(argument.value) else { continue }
            cases.append(argument.isVariadic ? "\(open)*) \(statement) ;;" : "\(open)\(index)) \(statement) ;;")
        }
        return cases.isEmpty ? nil : "case $positionals in \(cases.joined(separator: " ")) esac"
    }
}

extension ValueKind {
    /// The fixed words a shell may offer for this value, if any.
    var words: [String]? {
        switch self {
        case .choice(let words), .suggestions(let words): words
        case .decoded(let decoding): decoding.suggestions.isEmpty ? nil : decoding.suggestions
        case .text, .integer, .duration, .path, .completedBy: nil
        }
    }
}

/// Quotes `text` for a POSIX shell in single quotes.
func shellQuoted(_ text: String) -> String {
    "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
}
