import AMQP
import ArgumentParsing

/// mq's commands as data: the parser, help, completions and the man page all come from here.
enum CommandTree {
    static let helpTopic = Argument<[String]>.variadic(
        "COMMAND", optional: true, help: "the command, e.g. publish or declare queue")

    static let help = Command(
        "help", summary: "Show help for mq or for a command",
        arguments: [helpTopic],
        examples: ["mq help publish", "mq help declare queue"])

    static let root = Command(
        "mq", summary: "mq: declare, bind, publish, consume and inspect on RabbitMQ and other AMQP 0-9-1 brokers",
        discussion: exitStatusTable,
        specs: GlobalOptions.specs,
        subcommands: [
            Subcommand("declare") { Declare.spec }, Subcommand("bind") { Bind.bindSpec },
            Subcommand("unbind") { Bind.unbindSpec },
            Subcommand("publish") { Publish.spec }, Subcommand("consume") { Consume.spec },
            Subcommand("get") { Get.spec },
            Subcommand("move") { Move.spec }, Subcommand("purge") { Purge.spec }, Subcommand("delete") { Delete.spec },
            Subcommand("request") { Request.spec }, Subcommand("route") { Route.spec },
            Subcommand("trace") { Trace.spec },
            Subcommand("wait") { Wait.spec }, Subcommand("list") { List.spec }, Subcommand("show") { Show.spec },
            Subcommand("top") { Top.spec }, Subcommand("bench") { Bench.spec }, Subcommand("close") { Close.spec },
            Subcommand("export") { Definitions.exportSpec },
            Subcommand("import") { Definitions.importSpec }, Subcommand("completions") { Completions.spec },
            Subcommand("man") { Completions.manSpec }, Subcommand("config") { Config.spec },
            Subcommand("help") { help },
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
final class CommandHandler: Sendable {
    let run: @Sendable (Invocation) throws(Failure) -> Void

    init(_ run: @escaping @Sendable (Invocation) throws(Failure) -> Void) { self.run = run }
}

/// A command of mq's tree: a spec whose action is a `CommandHandler`.
typealias Command = CommandSpec<CommandHandler>
