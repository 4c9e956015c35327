import AMQP
import AMQPWire
import ArgumentParsing

/// `mq get QUEUE`: fetches messages with basic.get; `--requeue` peeks.
enum Get {
    static let queue = Argument<String>.required("QUEUE", value: OptionSpecs.queueName, help: "the queue")

    static let spec = Command(
        "get", summary: "Fetch messages from a queue without subscribing",
        discussion: """
            Messages are acknowledged as consume acknowledges them: once the reader has taken \
            them out of a pipe or a socket (written in batches that double, from one message, \
            each time the reader has emptied it), once written to a terminal or a file. What the \
            reader did not take goes back to the queue. With --requeue every message goes back: \
            a peek. A stream cannot be read with get (the broker refuses basic.get there): use \
            mq consume QUEUE --offset first --count N.
            """,
        arguments: [queue],
        options: [OptionSpecs.format, OptionSpecs.template, count, requeue, OptionSpecs.sync],
        examples: [
            "mq get orders", "mq get orders --count 10 --requeue --format json",
            "mq get orders --count 10 --requeue --template '{properties.message_id} {headers.x-retry-count}\\n'",
        ],
        rules: OptionSpecs.formatRules, action: CommandHandler(run))

    static let count = Option<Int>.integer(
        "count", short: "n", range: 1...Int64.max, default: 1, help: "how many messages to fetch")
    static let requeue = Option<Bool>.flag("requeue", help: "put the messages back (peek)")

    static func run(_ invocation: Invocation) throws(Failure) {
        if invocation.parsed[GlobalOptions.protocolVersion] == .amqp10 {
            return try MessagesOverAMQP10.get(invocation)
        }
        let link = try BrokerLink(invocation, reconnecting: false)
        defer { link.close() }
        try fetch(invocation, from: link, format: .chosen(invocation.parsed, queue: invocation.parsed[queue]))
    }

    /// Fetches up to `--count` messages from `link` and writes them out; what the reader took is
    /// settled as taken, the rest given back (all of them with `--requeue`), each written in `format`.
    static func fetch(_ invocation: Invocation, from link: any MessageLink, format: MessageFormat) throws(Failure) {
        let parsed = invocation.parsed
        let queue = parsed[Self.queue]
        let wanted = parsed[count]
        let requeue = parsed[Self.requeue]
        let writer = DeliveryWriter(
            output: invocation.stdout, link: link, format: format, largestBatch: wanted,
            paced: true,
            sync: parsed[OptionSpecs.sync])
        var got = 0
        var last: DeliveryTag?
        try reportingFailures {
            while got < wanted, !invocation.stdout.readerGone {
                if writer.readerIsBehind() {
                    try writer.waitForReader(until: writer.nextReaderCheck())
                    continue
                }
                guard let message = try link.fetch(from: queue) else { break }
                writer.write(message)
                last = message.delivery.tag
                got += 1
                if writer.batchFull { try writer.flush() }
            }
            try writer.drain()
            guard let last else { return }
            let taken = requeue ? nil : writer.takeSettled()?.tag
            if let taken { try link.accept(upTo: taken) }
            if taken != last { try link.release(upTo: last) }
        }
        if invocation.stdout.readerGone { return }
        if got < wanted { throw Failure(.incomplete(.queueRanDry(queue: queue, got: got, wanted: wanted))) }
    }
}
