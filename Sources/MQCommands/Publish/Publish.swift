import AMQP
import AMQPWire
import ArgumentParsing
import JSON

/// `mq publish [BODY]`: publishes with confirms, and succeeds only when every message was confirmed.
enum Publish {
    static let body = Argument<String?>.optional("BODY", help: "the message body")

    static let spec = Command(
        "publish", summary: "Publish messages, waiting until the broker confirms each one",
        discussion: """
            The body is BODY, the contents of --file, or standard input when it is not a terminal; \
            with --lines every input line is one message, streamed in constant memory. With --ndjson \
            every line is a JSON object as `mq consume --format json` prints it (body, exchange, \
            routing_key, properties, headers with their types): properties and headers given on the \
            command line are defaults a line overrides, while --exchange, --key and --queue, when \
            given, route every line (so `mq consume a --format json | mq publish --ndjson --queue b` \
            moves messages). --filter-value V gives every message the x-stream-filter-value header \
            that stream consumers filter on (RabbitMQ 3.13 and later; an older broker keeps it as a \
            plain header); with --ndjson a line's own filter value stays, so a replayed dump keeps \
            each record's. Publisher \
            confirms are on: mq exits 0 only when the broker confirmed every message, and 2 when \
            any was returned as unroutable (mandatory is on) or nacked.
            """,
        arguments: [body],
        options: [
            MessageSource.file, MessageSource.lines, MessageSource.ndjson, skipInvalid, rate, confirm, mandatory,
            confirmWindow, timeout,
            correlationID, replyTo, filterValue, address,
        ],
        groups: [MessageSource.destination, MessageProperties.group],
        examples: [
            "mq publish --queue orders 'Hello World!'",
            "mq publish --exchange events --key orders.created --header source=web --persistent < order.json",
            "seq 1 1000 | mq publish --queue numbers --lines",
            "mq consume orders --format json --timeout 1s | mq publish --ndjson --queue orders-copy",
        ],
        rules: [
            .exclusive(
                [.init(body), .init(MessageSource.file), .init(MessageSource.lines), .init(MessageSource.ndjson)],
                message: "give the body one way: BODY, --file, --lines or --ndjson"),
            // Returns are read only with confirms: fire and forget asks for none, so the broker
            // neither tracks them nor sends back messages that nobody would read.
            .needs(mandatory, confirm, message: "--mandatory needs confirms: with --no-confirm no return is read"),
            .exclusive(
                [.init(address), .init(MessageSource.queue), .init(MessageSource.exchange)],
                message: "give the destination one way: --address, --queue or --exchange"),
        ],
        action: CommandHandler(run))

    static let skipInvalid = Option<Bool>.flag(
        "skip-invalid", help: "with --ndjson: report a bad line and go on (default: stop at it, exit 65)")
    static let rate = Option<Rate?>.decoded(
        "rate", valueName: "N/s", help: "publish at most N messages a second (or N/m a minute), to replay a recording")
    static let correlationID = Option<String?>.text("correlation-id", valueName: "ID", help: "correlation-id property")
    static let replyTo = Option<String?>.text("reply-to", valueName: "QUEUE", help: "reply-to property")
    static let filterValue = Option<String?>.text(
        "filter-value", valueName: "VALUE",
        help: "stream filter value: sets the x-stream-filter-value header (RabbitMQ 3.13+)")
    static let address = Option<String?>.text(
        "address", valueName: "ADDRESS",
        help: "with --protocol 1.0: send every message to this AMQP 1.0 address as it is (/queues/orders, topic://x)")
    static let confirm = Option<Bool>.flag(
        "confirm", default: true, negatable: true,
        help: "wait for publisher confirms (--no-confirm: fire and forget, nothing is checked)")
    static let mandatory = Option<Bool>.flag(
        "mandatory", default: true, negatable: true, help: "treat a message no queue takes as an error (with confirms)")
    static let confirmWindow = Option<Int>.integer(
        "confirm-window", range: 1...100_000, default: 1000, help: "most messages awaiting confirmation at once")
    static let timeout = Option<Double>.duration(
        "timeout", default: "30s", help: "give up waiting for confirms after this long")

    static func run(_ invocation: Invocation) throws(Failure) {
        let parsed = invocation.parsed
        if parsed[GlobalOptions.protocolVersion] == .amqp10 { return try PublishOverAMQP10.run(invocation) }
        if parsed.isSet(address) { throw Failure(.usage(.needsAMQP10(option: "--address"))) }
        var source = try MessageSource(
            parsed, body: .of(parsed, argument: parsed[body]), input: invocation.input, properties: properties(parsed))
        let confirm = parsed[Self.confirm]
        let rules = Publisher.Rules(
            confirm: confirm, mandatory: confirm && parsed[mandatory], window: parsed[confirmWindow],
            timeout: parsed[timeout],
            skipInvalid: parsed[skipInvalid], pacing: parsed[rate].map(Pacing.init))
        // Fire and forget does not reconnect: what the lost connection had not sent is gone, and
        // going on would hide that.
        let link = try BrokerLink(invocation, reconnecting: confirm)
        defer { link.close() }
        invocation.noteBlocking(on: link, broker: "the broker")
        let publisher = Publisher(
            invocation: invocation, link: link, rules: rules,
            progress: ProgressMeter(invocation, verb: "published", writesMessages: false))
        // Nothing queued waits for the next line of a slow stream, and a quiet input leaves the
        // connection serviced: heartbeats go out, confirms and a broker that went away are seen.
        invocation.input.waitForInput = { descriptor throws(Failure) in try publisher.waitForInput(descriptor) }
        defer { invocation.input.waitForInput = nil }
        let tally = try publisher.run(&source)
        if invocation.json {
            try invocation.emit(text: "", json: tally.json)
        }
        if tally.returned + tally.nacked > 0 {
            throw Failure(
                .unconfirmed(.messages(published: tally.published, returned: tally.returned, nacked: tally.nacked)))
        }
    }

    /// The properties the command line asks for: the group's, the correlation id, reply-to and
    /// the stream filter value (a header, and like every header on the command line a default
    /// that an NDJSON line's own header of that name overrides).
    static func properties(_ parsed: ParsedCommand) -> BasicProperties {
        var properties = MessageProperties.read(parsed)
        properties.correlationID = parsed[correlationID]
        properties.replyTo = parsed[replyTo]
        if let value = parsed[filterValue] {
            var headers = properties.headers ?? FieldTable()
            headers[filterHeader] = .string(value)
            properties.headers = headers
        }
        return properties
    }

    /// The header a stream's filter reads (RabbitMQ 3.13 and later).
    static let filterHeader = "x-stream-filter-value"
}
