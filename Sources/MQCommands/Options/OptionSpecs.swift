import ArgumentParsing

/// Option specs that several verbs share.
enum OptionSpecs {
    /// A queue's name; the shells complete it from the broker's queues.
    static let queueName = ValueKind.completedBy("mq list queues --columns name --no-headers")
    /// An exchange's name; the shells complete it from the broker's exchanges.
    static let exchangeName = ValueKind.completedBy("mq list exchanges --columns name --no-headers")

    /// How consume, get and request write each message.
    static let format = Option<MessageFormat.Name>.choice(
        "format", valueName: "FORMAT", default: .line,
        help: "line: body and newline; raw: bodies back to back; json: one object per message"
    ).configurable()

    /// How consume, get and request write each message, as a template (instead of `--format`).
    static let template = Option<MessageTemplate?>.decoded(
        "template", valueName: "TEXT",
        help:
            "write each message as TEXT with {body}, {routing_key}, {properties.NAME}, {headers.NAME}, ... (no newline "
            + "added: end with \\n)"
    )

    /// `--template` and `--format` given together (a configuration file's format gives way).
    static let formatRules: [OptionRule] = [
        .exclusive([.ignoringConfiguration(format), .init(template)], message: "give --format or --template, not both")
    ]

    /// Consume's and get's `--sync`.
    static let sync = Option<Bool>.flag(
        "sync", help: "into a regular file: sync it (fsync) before acknowledging what it holds")
}
