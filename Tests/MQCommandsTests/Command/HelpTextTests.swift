import ArgumentParsing
import Testing

@testable import MQCommands

@Suite("mq help")
struct HelpTextTests {
    let help = HelpFormatter(program: "mq", root: CommandTree.root).help(for: [])

    @Test("mq help starts with the usage line and lists every command")
    func commands() {
        #expect(help.hasPrefix("Usage: mq <command> [options]\n"))
        for command in CommandTree.root.subcommands {
            #expect(help.contains("\n  \(command.name) "), "\(command.name)")
        }
    }

    @Test("mq help holds the exit status table")
    func exitStatuses() {
        let table = """

            Exit statuses:
              0    success
              1    the broker refused the operation on a channel (404 NOT_FOUND, 406 PRECONDITION_FAILED, 405 RESOURCE_LOCKED, ...)
              2    a published message was not confirmed: returned as unroutable, or nacked
              3    consume/get ended before the requested count: timeout, or empty queue for get
              4    mq bench missed a limit it was given (--max-p50, --max-p99, --min-rate, --max-lost)
              64   usage error (unknown command or option, bad value)
              65   bad input data (unreadable body file, invalid input)
              69   broker unreachable or connection lost (refused, DNS, connect timeout, heartbeat lost)
              70   internal error (a bug in mq)
              75   the broker kept blocking publishing (connection.blocked) past --timeout
              76   protocol error (the peer sent something malformed)
              77   access refused (authentication, permission, or vhost not allowed)
              78   bad configuration (malformed URI, unreadable password file)
              130  stopped by SIGINT after a clean shutdown
              143  stopped by SIGTERM after a clean shutdown

            """
        #expect(help.contains(table))
    }

    @Test("mq help shows the global options with their variables and defaults")
    func globalOptions() {
        #expect(help.contains("\nOptions (before or after the command):\n"))
        #expect(help.contains("repeatable [env: MQ_URL] [default: amqp://localhost:5672/%2F]"))
        #expect(help.contains("[env: MQ_PASSWORD]"))
        #expect(help.contains("give up connecting after this long [default: 10s]"))
    }

    @Test("help for a command shows its examples")
    func examples() {
        let publish = HelpFormatter(program: "mq", root: CommandTree.root).help(for: ["publish"])
        #expect(publish.contains("\nExamples:\n  mq publish --queue orders 'Hello World!'\n"))
    }
}
