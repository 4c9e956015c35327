import AMQP
import ArgumentParsing

#if canImport(Glibc)
    import Glibc
#endif

/// mq's entry point: runs a command line and exits with its status.
public enum MQ {
    /// Runs `arguments` (without the program name) and exits the process.
    public static func exit(withArguments arguments: [String]) -> Never {
        Glibc.exit(run(arguments, environment: currentEnvironment()).rawValue)
    }

    static func run(_ arguments: [String], environment: [String: String]) -> ExitStatus {
        // A reader that goes away must show up as EPIPE on write, not kill mq mid-acknowledgement.
        signal(SIGPIPE, SIG_IGN)
        let stdout = OutputStream(descriptor: STDOUT_FILENO)
        let stderr = OutputStream(descriptor: STDERR_FILENO)
        let formatter = HelpFormatter(program: "mq", root: CommandTree.root)
        let parsed: ParsedCommand
        do {
            parsed = try Parser(root: CommandTree.root, environment: environment).parse(arguments)
        } catch {
            stderr.write("mq: \(error.message)\n\(formatter.usage(for: error.commandPath))\n")
            try? stderr.flush()
            return .usage
        }
        if parsed[GlobalOptions.version] {
            stdout.write("mq \(ClientProperties.version)\n")
            try? stdout.flush()
            return .success
        }
        if parsed[GlobalOptions.help] || parsed.path.isEmpty || parsed.path == ["help"] {
            let topic = parsed.path == ["help"] ? parsed[CommandTree.helpTopic] : parsed.path
            guard formatter.command(at: topic) != nil else {
                stderr.write("mq: no such command '\(topic.joined(separator: " "))'\n\(formatter.usage(for: []))\n")
                try? stderr.flush()
                return .usage
            }
            stdout.write(formatter.help(for: topic))
            try? stdout.flush()
            return .success
        }
        guard let handler = CommandHandler.of(parsed.command) else {
            stderr.write("mq: '\(parsed.path.joined(separator: " "))' is not implemented\n")
            try? stderr.flush()
            return .software
        }
        var invocation = Invocation(parsed: parsed, stdout: stdout, stderr: stderr, input: InputReader(), environment: environment)
        do throws(Failure) {
            invocation.parsed = try Configuration.apply(to: parsed, environment: environment, stderr: stderr)
            if let broken = invocation.parsed.brokenRule(among: CommandTree.root.rules + parsed.command.rules) { throw Failure(.usage, broken) }
            try handler.run(invocation)
            return .success
        } catch {
            report(error, invocation: invocation, usage: formatter.usage(for: parsed.path))
            return error.status
        }
    }

    /// One line on stderr, plus a JSON error object with `--json`; a usage line for usage errors.
    private static func report(_ failure: Failure, invocation: Invocation, usage: String) {
        let stderr = invocation.stderr
        guard !failure.message.isEmpty else { return }
        let color = Terminal.usesColor(stderr, parsed: invocation.parsed, environment: invocation.environment)
        stderr.write(Terminal.error("mq:", color: color) + " \(failure.message)\n")
        if failure.status == .usage { stderr.write(usage + "\n") }
        if invocation.json {
            var fields: [(String, JSON)] = [("error", .string(failure.message)), ("exit_status", .int(Int64(failure.status.rawValue)))]
            if let code = failure.replyCode { fields.append(("reply_code", .int(Int64(code)))) }
            if let text = failure.replyText { fields.append(("reply_text", .string(text))) }
            stderr.write(JSON.object(fields).serialized() + "\n")
        }
        try? stderr.flush()
    }

    private static func currentEnvironment() -> [String: String] {
        var result: [String: String] = [:]
        var entry = environ
        while let pointer = entry.pointee {
            let pair = String(cString: pointer)
            if let equals = pair.firstIndex(of: "=") {
                result[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
            }
            entry += 1
        }
        return result
    }
}
