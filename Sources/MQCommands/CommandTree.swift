import AMQP
import ArgumentParsing

/// mq's commands as data: the parser, help, completions and the man page all come from here.
enum CommandTree {
    static let help = CommandSpec(
        "help", summary: "Show help for mq or for a command",
        arguments: [ArgumentSpec("COMMAND", optional: true, variadic: true, help: "the command, e.g. publish or declare queue")],
        examples: ["mq help publish", "mq help declare queue"])

    static let root = CommandSpec(
        "mq", summary: "mq: declare, bind, publish, consume and inspect on RabbitMQ and other AMQP 0-9-1 brokers",
        discussion: exitStatusTable,
        options: GlobalOptions.specs,
        subcommands: [
            Declare.spec, Bind.bindSpec, Bind.unbindSpec, Publish.spec, Consume.spec, Get.spec, Purge.spec, Delete.spec,
            Request.spec, Wait.spec, List.spec, Show.spec, Close.spec,
            Definitions.exportSpec, Definitions.importSpec, Completions.spec, Completions.manSpec, Config.spec, help,
        ],
        examples: [
            "mq declare queue fila_notificacoes",
            "mq publish --queue fila_notificacoes 'Hello World!'",
            "mq consume fila_notificacoes --count 1",
        ])

    /// The exit statuses as a help section.
    static var exitStatusTable: String {
        "Exit statuses:\n" + ExitStatus.allCases.map { status in
            let code = String(status.rawValue)
            return "  " + code + String(repeating: " ", count: 5 - code.count) + status.meaning
        }.joined(separator: "\n")
    }

    /// The function that runs the command at `path`.
    static func handler(for path: [String]) -> ((Invocation) throws(Failure) -> Void)? {
        switch path.first {
        case "declare": Declare.run
        case "bind", "unbind": Bind.run
        case "publish": Publish.run
        case "consume": Consume.run
        case "get": Get.run
        case "purge": Purge.run
        case "delete": Delete.run
        case "request": Request.run
        case "wait": Wait.run
        case "completions": Completions.run
        case "man": Completions.runMan
        case "config": Config.run
        case "list": List.run
        case "show": Show.run
        case "close": Close.run
        case "export": Definitions.exportDefinitions
        case "import": Definitions.importDefinitions
        default: nil
        }
    }
}
