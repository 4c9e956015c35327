import AMQP
import ArgumentParsing

/// mq's commands as data: the parser, help, completions and the man page all come from here.
enum CommandTree {
    static let helpTopic = Argument<[String]>.variadic("COMMAND", optional: true, help: "the command, e.g. publish or declare queue")

    static let help = CommandSpec(
        "help", summary: "Show help for mq or for a command",
        arguments: [helpTopic],
        examples: ["mq help publish", "mq help declare queue"])

    static let root = CommandSpec(
        "mq", summary: "mq: declare, bind, publish, consume and inspect on RabbitMQ and other AMQP 0-9-1 brokers",
        discussion: exitStatusTable,
        options: GlobalOptions.specs,
        subcommands: [
            Declare.spec, Bind.bindSpec, Bind.unbindSpec, Publish.spec, Consume.spec, Get.spec, Move.spec, Purge.spec, Delete.spec,
            Request.spec, Route.spec, Trace.spec, Wait.spec, List.spec, Show.spec, Top.spec, Close.spec,
            Definitions.exportSpec, Definitions.importSpec, Completions.spec, Completions.manSpec, Config.spec, help,
        ],
        examples: [
            "mq declare queue fila_notificacoes",
            "mq publish --queue fila_notificacoes 'Hello World!'",
            "mq consume fila_notificacoes --count 1",
        ],
        rules: GlobalOptions.rules)

    /// The exit statuses as a help section.
    static var exitStatusTable: String {
        "Exit statuses:\n"
            + ExitStatus.allCases.map { status in
                let code = String(status.rawValue)
                return "  " + code + String(repeating: " ", count: 5 - code.count) + status.meaning
            }.joined(separator: "\n")
    }
}

/// What runs a command: each leaf of the tree carries one as its spec's `action`.
struct CommandHandler: Sendable {
    let run: @Sendable (Invocation) throws(Failure) -> Void

    init(_ run: @escaping @Sendable (Invocation) throws(Failure) -> Void) { self.run = run }

    /// The handler the parsed command carries, if it is one that runs (not a group).
    static func of(_ command: CommandSpec) -> CommandHandler? { command.action as? CommandHandler }
}
