import AMQP
import ArgumentParsing
import JSON

/// mq's man page: the command specs plus the hand-written sections below.
enum ManualPage {
    static var text: String {
        ManPage.page(
            program: "mq", version: Product.version, root: CommandTree.root,
            description: [
                """
                mq declares, binds, publishes, consumes, fetches, purges and deletes on RabbitMQ and other \
                AMQP 0-9-1 brokers, and lists what is on a RabbitMQ broker through its management API. \
                It prints text for people and JSON for programs (--json), reads and writes pipes, and \
                exits with a status a script can act on.
                """,
                """
                Nothing is lost: publish exits 0 only when the broker confirmed every message, and \
                consume acknowledges a message only after its output was written.
                """,
            ],
            sections: [
                ManPage.Section(
                    "ENVIRONMENT",
                    CommandTree.root.allOptions.compactMap { spec in
                        spec.environment.map { "\($0): as --\(spec.name): \(spec.help)." }
                    } + [
                        "NO_COLOR: when set, no colour even on a terminal (unless --color always).",
                        "MQ_BINARY, MQ_TEST_URL: used by mq's own test suite only.",
                    ]),
                ManPage.Section(
                    "FILES",
                    [
                        "$XDG_CONFIG_HOME/mq/config, else ~/.config/mq/config: broker profiles, one [section] each, of key = value lines; the keys: \(ConfigFile.keys.keys.sorted().joined(separator: ", ")). See mq help config.",
                        "completions/ and man/ in the source tree hold the generated completion scripts and this page; "
                            + "make install puts them where the shells and man look.",
                    ]),
                ManPage.Section(
                    "EXIT STATUS",
                    [
                        ExitStatus.allCases.map { "  \($0.rawValue)\t\($0.meaning)" }.joined(separator: "\n")
                    ]),
                ManPage.Section(
                    "EXAMPLES",
                    [
                        "The first message:",
                        "  mq declare queue fila_notificacoes\n  mq publish --queue fila_notificacoes 'Hello World!'\n "
                            + " mq consume fila_notificacoes --count 1",
                        "Move messages between queues, with every property and header:",
                        "  mq consume in --format json --timeout 1s | mq publish --ndjson --queue out",
                        "A CI smoke test: wait for the broker, publish, and wait for the reply:",
                        "  mq wait --timeout 60s --queue orders\n  mq request --queue orders '{\"id\": 1}' --timeout "
                            + "10s",
                        "A shell script as an RPC server:",
                        "  mq consume rpc --exec ./handle.sh --reply",
                    ]),
                ManPage.Section("SEE ALSO", ["rabbitmqadmin(8), rabbitmqctl(8), amqp-publish(1), amqp-consume(1)"]),
            ])
    }
}
