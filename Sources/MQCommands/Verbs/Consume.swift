import AMQP
import AMQPWire
import ArgumentParsing

/// `mq consume QUEUE`: writes messages to stdout, acking each only after it was written.
enum Consume {
    static let spec = CommandSpec(
        "consume", summary: "Write messages from a queue to standard output, acking each once written",
        discussion: """
            Each message is acknowledged only after its output was written and flushed (at least \
            once: nothing is lost). Messages received but not written go back to the queue when mq \
            exits. With --exchange, mq consumes through a temporary queue bound to that exchange, \
            to watch its traffic. Ctrl-C or SIGTERM stops after the message being written (exit 130/143).
            """,
        arguments: [ArgumentSpec("QUEUE", optional: true, help: "the queue (omit with --exchange)")],
        options: [
            OptionSpecs.format,
            OptionSpec("count", short: "n", value: .integer(1...Int64.max), valueName: "N", help: "stop after N messages"),
            OptionSpec("timeout", short: "t", value: .duration, valueName: "DURATION",
                       help: "stop when no message came for this long (exit 3 if fewer than --count arrived)"),
            OptionSpec("prefetch", value: .integer(1...65535), valueName: "N", default: "100", help: "most unacknowledged messages in flight"),
            .flag("no-ack", help: "let the broker forget messages as it sends them (faster, may lose some)"),
            OptionSpec("exchange", short: "e", value: .text, valueName: "EXCHANGE", help: "consume through a temporary queue bound to this exchange"),
            OptionSpec("key", short: "k", value: .text, valueName: "KEY", default: "#", help: "binding key for --exchange"),
        ],
        examples: [
            "mq consume orders --count 1",
            "mq consume orders --format json --timeout 5s | jq .body",
            "mq consume --exchange events --key 'orders.#'",
        ])

    static func run(_ invocation: Invocation) throws(Failure) {
        let parsed = invocation.parsed
        let format = MessageFormat(rawValue: parsed.value("format") ?? "line") ?? .line
        let limit = parsed.integer("count").map(Int.init)
        let idle = parsed.duration("timeout")
        let noAck = parsed.flag("no-ack")
        guard parsed.argument("QUEUE") != nil || parsed.value("exchange") != nil else {
            throw Failure(.usage, "consume needs a QUEUE or --exchange")
        }
        Signals.install()
        let (connection, channel) = try invocation.connect()
        defer { connection.close() }
        var written = 0
        var timedOut = false
        try reportingFailures {
            let queue = try source(parsed, channel: channel)
            try channel.setPrefetch(count: UInt16(parsed.integer("prefetch") ?? 100))
            try channel.consume(queue: queue, noAck: noAck)
            var lastWritten: UInt64?
            var lastArrival = Deadline.now
            while limit.map({ written < $0 }) ?? true, Signals.pending == nil {
                var wake = Deadline.after(seconds: 0.25)
                if let idle { wake = min(wake, lastArrival.adding(seconds: idle)) }
                guard let delivery = try channel.nextDelivery(deadline: wake) else {
                    if let idle, lastArrival.adding(seconds: idle).hasPassed {
                        timedOut = true
                        break
                    }
                    continue
                }
                lastArrival = .now
                format.write(delivery, to: invocation.stdout)
                written += 1
                lastWritten = delivery.deliveryTag
                if channel.bufferedDeliveryCount == 0 || invocation.stdout.pendingCount >= 256 * 1024 || written == limit {
                    guard try settle(invocation, channel, upTo: &lastWritten, noAck: noAck) else { return }
                }
            }
            guard try settle(invocation, channel, upTo: &lastWritten, noAck: noAck) else { return }
        }
        if let signal = Signals.pending { throw Failure(Signals.exitStatus(signal), "") }
        if timedOut, let limit, written < limit {
            throw Failure(.incomplete, "timed out after \(written) of \(limit) messages")
        }
    }

    /// Flushes the output, then acks everything written; false when the reader has gone away
    /// (nothing more is acked, and the unwritten messages go back to the queue).
    private static func settle(
        _ invocation: Invocation, _ channel: Channel, upTo tag: inout UInt64?, noAck: Bool
    ) throws -> Bool {
        try invocation.stdout.flush()
        if invocation.stdout.readerGone { return false }
        if let last = tag, !noAck {
            try channel.ack(deliveryTag: last, multiple: true)
            try channel.connection.flush()
        }
        tag = nil
        return true
    }

    /// The queue to consume: the named one, or a temporary one bound to `--exchange`.
    private static func source(_ parsed: ParsedCommand, channel: Channel) throws(AMQPError) -> String {
        guard let exchange = parsed.value("exchange") else { return parsed.argument("QUEUE") ?? "" }
        let queue = try channel.declareQueue("", durable: false, exclusive: true, autoDelete: true).name
        try channel.bindQueue(queue, to: exchange, routingKey: parsed.value("key") ?? "#")
        return queue
    }
}
