import AMQP
import ArgumentParsing
import JSON

#if canImport(Glibc)
    import Glibc
#endif

/// mq's entry point: runs a command line and exits with its status.
public enum MQ {
    /// Runs `arguments` (without the program name) and exits the process.
    public static func exit(withArguments arguments: [String]) -> Never {
        Glibc.exit(run(arguments, environment: .process).rawValue)
    }

    /// Runs `arguments` with the streams and connector of `context`; returns the exit status.
    static func run(_ arguments: [String], environment: Environment, context: RunContext = .process) -> ExitStatus {
        // A reader that goes away must show up as EPIPE on write, not kill mq mid-acknowledgement.
        signal(SIGPIPE, SIG_IGN)
        let stdout = OutputStream(descriptor: context.stdout)
        let stderr = OutputStream(descriptor: context.stderr)
        let formatter = HelpFormatter(program: "mq", root: CommandTree.root)
        let parsed: ParsedCommand
        let command: Command
        do {
            (parsed, command) = try Parser(root: CommandTree.root, environment: environment).parseCommand(arguments)
        } catch {
            // Before a command line parses, neither --color nor --json is known.
            return report(
                Failure(.parse(error)), to: stderr, color: false, json: false, formatter: formatter, command: [])
        }
        if parsed[GlobalOptions.version] {
            stdout.write("\(Product.name) \(Product.version)\n")
            try? stdout.flush()
            return .success
        }
        if parsed.path.isEmpty, !parsed[GlobalOptions.help] {
            // A script whose arguments went missing must fail, not print help and succeed.
            let failure = Failure(.usage(.noCommand))
            return report(failure, to: stderr, color: false, json: false, formatter: formatter, command: [])
        }
        if parsed[GlobalOptions.help] || parsed.path == ["help"] {
            let topic = parsed.path == ["help"] ? parsed[CommandTree.helpTopic] : parsed.path
            guard formatter.command(at: topic) != nil else {
                let failure = Failure(.usage(.noSuchCommand(topic)))
                return report(failure, to: stderr, color: false, json: false, formatter: formatter, command: [])
            }
            stdout.write(formatter.help(for: topic))
            try? stdout.flush()
            return .success
        }
        guard let handler = command.action else {
            let failure = Failure(.bug("'\(parsed.path.joined(separator: " "))' is not implemented"))
            return report(failure, to: stderr, color: false, json: false, formatter: formatter, command: parsed.path)
        }
        var invocation = Invocation(
            parsed: parsed, stdout: stdout, stderr: stderr, input: InputReader(descriptor: context.stdin),
            environment: environment,
            connector: context.connector)
        do throws(Failure) {
            invocation.parsed = try Configuration.apply(to: parsed, environment: environment, stderr: stderr)
            if let broken = invocation.parsed.brokenRule(among: CommandTree.root.rules + command.rules) {
                throw Failure(.usage(.brokenRule(broken)))
            }
            try handler.run(invocation)
            return .success
        } catch {
            let color = Terminal.usesColor(stderr, parsed: invocation.parsed, environment: environment)
            return report(
                error, to: stderr, color: color, json: invocation.json, formatter: formatter, command: parsed.path)
        }
    }

    /// Says what failed, the one place that does: one line on stderr, the usage line after a
    /// usage error (for `command`, or the command words a parse error reached), and with
    /// `json` a JSON error object. Returns the status to exit with.
    private static func report(
        _ failure: Failure, to stderr: OutputStream, color: Bool, json: Bool, formatter: HelpFormatter<CommandHandler>,
        command: [String]
    ) -> ExitStatus {
        let message = failure.message
        guard !message.isEmpty else { return failure.status }
        stderr.write(Terminal.error("mq:", color: color) + " \(message)\n")
        if failure.status == .usage { stderr.write(formatter.usage(for: failure.usagePath ?? command) + "\n") }
        if json {
            var fields: [(String, JSON)] = [
                ("error", .string(message)), ("exit_status", .int(Int64(failure.status.rawValue))),
            ]
            if let code = failure.replyCode { fields.append(("reply_code", .int(Int64(code)))) }
            if let text = failure.replyText { fields.append(("reply_text", .string(text))) }
            stderr.write(JSON.object(fields).serialized() + "\n")
        }
        try? stderr.flush()
        return failure.status
    }
}
