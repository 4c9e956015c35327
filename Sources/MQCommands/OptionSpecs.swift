import ArgumentParsing

/// Option specs that several verbs share.
enum OptionSpecs {
    /// A queue's name; the shells complete it from the broker's queues.
    static let queueName = ValueKind.completedBy("mq list queues --columns name --no-headers")
    /// An exchange's name; the shells complete it from the broker's exchanges.
    static let exchangeName = ValueKind.completedBy("mq list exchanges --columns name --no-headers")

    static let format = OptionSpec(
        "format", value: .choice(MessageFormat.allCases.map(\.rawValue)), valueName: "FORMAT", default: "line",
        help: "line: body and newline; raw: bodies back to back; json: one object per message")
}
