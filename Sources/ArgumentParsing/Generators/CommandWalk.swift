/// Every command in a tree with its path, for the generators.
struct CommandNode {
    /// The command words after the program name, e.g. `["declare", "queue"]`.
    let path: [String]
    let spec: CommandSpec
    /// The options that apply: the command's own, then the global ones it does not redefine.
    let options: [OptionSpec]

    /// A shell identifier for the node, e.g. `mq_declare_queue`.
    func identifier(program: String) -> String {
        ([program] + path).map { $0.map { $0.isLetter || $0.isNumber ? $0 : "_" } }.map { String($0) }.joined(separator: "_")
    }

    /// Every node of the tree rooted at `root`, parents before children.
    static func all(_ root: CommandSpec) -> [CommandNode] {
        let globals = root.options.filter(\.isGlobal)
        func walk(_ spec: CommandSpec, _ path: [String]) -> [CommandNode] {
            let own = path.isEmpty ? root.options : spec.options
            let options = own + globals.filter { global in !own.contains { $0.name == global.name } }
            return [CommandNode(path: path, spec: spec, options: options)]
                + spec.subcommands.flatMap { walk($0, path + [$0.name]) }
        }
        return walk(root, [])
    }
}

extension ValueKind {
    /// The fixed words a shell may offer for this value, if any.
    var words: [String]? {
        switch self {
        case .choice(let words), .suggestions(let words): words
        case .text, .integer, .duration, .path, .keyValue, .completedBy: nil
        }
    }
}

/// Quotes `text` for a POSIX shell in single quotes.
func shellQuoted(_ text: String) -> String {
    "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
}
