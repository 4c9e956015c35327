import AMQP
import AMQPWire
import ArgumentParsing
import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// `mq request BODY`: publishes a request with RabbitMQ's direct reply-to and prints the reply.
enum Request {
    static let body = Argument<String?>.optional("BODY", help: "the request body (else --file or stdin)")

    /// RabbitMQ's pseudo-queue for replies to this channel (no queue to declare or delete).
    static let directReplyTo = "amq.rabbitmq.reply-to"

    static let spec = Command(
        "request", summary: "Send a request and print the reply (RabbitMQ direct reply-to)",
        discussion: """
            Publishes the body with a correlation id and reply-to set to RabbitMQ's direct reply-to, \\
            waits until the broker confirmed it, then prints the reply that carries the same \\
            correlation id. Exit 3 when no reply comes within --timeout, 2 when no queue took the \\
            request. The other side can be `mq consume QUEUE --exec CMD --reply`.
            """,
        arguments: [body],
        options: [
            MessageSource.file, correlationID, timeout, OptionSpecs.format, OptionSpecs.template,
        ],
        groups: [MessageSource.destination, MessageProperties.group],
        examples: [
            "mq request --queue rpc 'ping' --timeout 5s",
            "echo '{\"n\": 1}' | mq request --exchange api --key users.get --format json",
        ],
        rules: [.exclusive([.init(body), .init(MessageSource.file)], message: "give the body one way: BODY or --file")]
            + OptionSpecs.formatRules,
        action: CommandHandler(run))

    /// The request's correlation id: the same name as publish's property option, its own default.
    static let correlationID = Option<String?>.text(
        "correlation-id", valueName: "ID", help: "correlation id (default: a random one)")
    static let timeout = Option<Double>.duration(
        "timeout", short: "t", default: "10s", help: "how long to wait for the reply")

    static func run(_ invocation: Invocation) throws(Failure) {
        let parsed = invocation.parsed
        let timeout = parsed[Self.timeout]
        let deadline = Deadline.after(seconds: timeout)
        var properties = MessageProperties.read(parsed)
        let correlationID = parsed[Self.correlationID] ?? randomID()
        properties.correlationID = correlationID
        properties.replyTo = directReplyTo
        let text = parsed[body]
        var source = try MessageSource(
            parsed, body: text.map { .text($0) } ?? parsed[MessageSource.file].map { .file($0) } ?? .input,
            input: invocation.input,
            properties: properties)
        let format = MessageFormat.chosen(parsed, queue: directReplyTo)
        guard let message = try reportingFailures({ try source.next() }) else { return }
        let outcome = try withChannel(invocation) { channel throws(AMQPError) -> Outcome in
            try channel.consume(queue: directReplyTo, noAck: true)
            try channel.enableConfirms()
            try channel.publish(
                message.body, exchange: message.envelope.exchange, routingKey: message.envelope.routingKey,
                mandatory: true,
                properties: message.envelope.properties)
            guard try channel.waitForConfirms(deadline: deadline) else { return .noReply }
            switch channel.takeConfirmations().first?.outcome {
            case .returned(let returned)?: return .returned(returned)
            case .nacked?: return .nacked
            case .acked?, nil: break
            }
            while let reply = try channel.nextDelivery(deadline: deadline) {
                if reply.properties.correlationID == correlationID { return .reply(reply) }
                invocation.trace("ignoring a reply with correlation id '\(reply.properties.correlationID ?? "")'")
            }
            return .noReply
        }
        switch outcome {
        case .reply(let reply):
            format.write(reply, to: invocation.stdout)
            try invocation.stdout.flush()
        case .returned(let returned):
            throw Failure(.unconfirmed(.requestReturned(exchange: returned.exchange, routingKey: returned.routingKey)))
        case .nacked:
            throw Failure(.unconfirmed(.requestNacked))
        case .noReply:
            throw Failure(.incomplete(.noReply(seconds: timeout, correlationID: correlationID)))
        }
    }

    private enum Outcome {
        case reply(Delivery)
        case returned(ReturnedMessage)
        case nacked
        case noReply
    }

    private static func randomID() -> String {
        (0..<4).map { _ in String(UInt32.random(in: 0...UInt32.max), radix: 16) }.joined(separator: "-")
    }
}
