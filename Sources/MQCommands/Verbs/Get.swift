import AMQP
import AMQPWire
import ArgumentParsing

/// `mq get QUEUE`: fetches messages with basic.get; `--requeue` peeks.
enum Get {
    static let spec = CommandSpec(
        "get", summary: "Fetch messages from a queue without subscribing",
        discussion: "With --requeue the messages go back to the queue: a peek.",
        arguments: [ArgumentSpec("QUEUE", value: OptionSpecs.queueName, help: "the queue")],
        options: [
            OptionSpecs.format,
            OptionSpec("count", short: "n", value: .integer(1...Int64.max), valueName: "N", default: "1", help: "how many messages to fetch"),
            .flag("requeue", help: "put the messages back (peek)"),
        ],
        examples: ["mq get orders", "mq get orders --count 10 --requeue --format json"])

    static func run(_ invocation: Invocation) throws(Failure) {
        let parsed = invocation.parsed
        let queue = parsed.argument("QUEUE") ?? ""
        let format = MessageFormat(parsed)
        let wanted = Int(parsed.integer("count") ?? 1)
        let requeue = parsed.flag("requeue")
        let (connection, channel) = try invocation.connect()
        defer { connection.close() }
        var got = 0
        try reportingFailures {
            var last: UInt64?
            while got < wanted, let delivery = try channel.get(queue: queue) {
                format.write(delivery, to: invocation.stdout)
                last = delivery.deliveryTag
                got += 1
            }
            try invocation.stdout.flush()
            if let last {
                if requeue || invocation.stdout.readerGone {
                    try channel.nack(deliveryTag: last, multiple: true, requeue: true)
                } else {
                    try channel.ack(deliveryTag: last, multiple: true)
                }
            }
        }
        if got < wanted { throw Failure(.incomplete, "queue '\(queue)' had \(got) of \(wanted) messages") }
    }
}
