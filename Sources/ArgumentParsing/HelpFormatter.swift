/// Renders help and usage text from command specs.
public struct HelpFormatter<Action: AnyObject & Sendable>: Sendable {
    /// The program name, e.g. `mq`.
    public let program: String
    public let root: CommandSpec<Action>

    public init(program: String, root: CommandSpec<Action>) {
        self.program = program
        self.root = root
    }

    /// The command at `path`, or nil when the path names none.
    public func command(at path: [String]) -> CommandSpec<Action>? {
        var command = root
        for word in path {
            guard let next = command.subcommand(word) else { return nil }
            command = next
        }
        return command
    }

    /// One usage line, e.g. `Usage: mq declare queue [NAME] [options]`.
    public func usage(for path: [String]) -> String {
        guard let command = command(at: path) else { return "Usage: \(program) <command> [options]" }
        var parts = [program] + path
        if !command.subcommands.isEmpty {
            parts.append(path.isEmpty ? "<command>" : "<\(command.subcommands.map(\.name).joined(separator: "|"))>")
        }
        for argument in command.arguments {
            let name = argument.isVariadic ? "\(argument.name)..." : argument.name
            parts.append(argument.isOptional ? "[\(name)]" : name)
        }
        parts.append("[options]")
        return "Usage: " + parts.joined(separator: " ")
    }

    /// Full help for the command at `path`.
    public func help(for path: [String]) -> String {
        guard let command = command(at: path) else { return usage(for: []) }
        var lines = [usage(for: path), "", command.summary]
        if !command.discussion.isEmpty { lines += ["", command.discussion] }
        if !command.subcommands.isEmpty {
            lines += ["", path.isEmpty ? "Commands:" : "Kinds:"]
            lines += table(command.subcommands.map { ($0.name, $0.spec.summary) })
        }
        if !command.arguments.isEmpty {
            lines += ["", "Arguments:"]
            lines += table(command.arguments.map { ($0.name, $0.help) })
        }
        let own = command.options.filter { !$0.isGlobal }
        if !own.isEmpty {
            lines += ["", "Options:"]
            lines += table(own.map(\.helpColumns))
        }
        let globals = root.options.filter(\.isGlobal)
        if !globals.isEmpty {
            lines += ["", path.isEmpty ? "Options (before or after the command):" : "Global options:"]
            lines += table(globals.map(\.helpColumns))
        }
        if !command.examples.isEmpty {
            lines += ["", "Examples:"]
            lines += command.examples.map { "  " + $0 }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func table(_ rows: [(String, String)]) -> [String] {
        let width = min(36, (rows.map(\.0.count).max() ?? 0) + 2)
        return rows.map { left, right in
            let padded = left.count >= width ? left + "  " : left + String(repeating: " ", count: width - left.count)
            return "  " + padded + right
        }
    }
}

extension OptionSpec {
    /// The left column (`-n, --name VALUE`) and right column (help, env, default) of its line in help.
    public var helpColumns: (String, String) {
        var left = short.map { "-\($0), " } ?? "    "
        left += "--\(name)"
        if negatable { left += ", --no-\(name)" }
        if value != nil { left += " \(valueName)" }
        var right = help
        if case .choice(let choices)? = value { right += " (\(choices.joined(separator: "|")))" }
        if repeatable { right += "; repeatable" }
        if let variable = environment { right += " [env: \(variable)]" }
        if let defaultValue {
            right += value == nil ? " [default: on]" : " [default: \(defaultValue)]"
        }
        return (left, right)
    }
}
