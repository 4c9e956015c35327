import AMQP
import AMQPWire
import ArgumentParsing

/// `mq declare queue|exchange NAME`; the admin kinds are in `AdminObjects`.
enum Declare {
    static let queueName = Argument<String?>.optional("NAME", help: "the queue's name")
    static let exchangeName = Argument<String>.required("NAME", help: "the exchange's name")

    static let arg = Option<[KeyValue]>.repeated(
        "arg", valueName: "KEY=VALUE", help: "an x-argument; whole numbers and true/false are typed")
    static let argString = Option<[KeyValue]>.repeated(
        "arg-string", valueName: "KEY=VALUE", help: "an x-argument that stays a string")
    static let argOptions = [arg.spec, argString.spec]

    /// `--durable` / `--no-durable`, for queues and exchanges alike.
    static let durable = Option<Bool>.flag("durable", default: true, negatable: true, help: "survive a broker restart")

    /// `declare queue`'s own options (those RabbitMQ 4 users set most are in `QueueArguments`).
    enum Queue {
        static let exclusive = Option<Bool>.flag(
            "exclusive", help: "only this connection may use it; deleted when it closes")
        static let autoDelete = Option<Bool>.flag("auto-delete", help: "delete it when its last consumer goes")
        static let type = Option<String?>.text(
            "type", value: .choice(["classic", "quorum", "stream"]), valueName: "TYPE",
            help: "queue type (x-queue-type)")
        static let maxLength = Option<Int?>.integer(
            "max-length", range: 0...Int64.max, help: "most ready messages (x-max-length)")
        static let maxLengthBytes = Option<ByteSize?>.decoded(
            "max-length-bytes", valueName: "SIZE",
            help: "most bytes of ready messages (x-max-length-bytes): 1048576, 64kB, 512MiB, 2GB")
        static let messageTTL = Option<Double?>.duration(
            "message-ttl", help: "how long a message may wait (x-message-ttl)")
        static let expires = Option<Double?>.duration(
            "expires", help: "delete the queue after it is unused this long (x-expires)")
        static let deadLetterExchange = Option<String?>.text(
            "dead-letter-exchange", valueName: "EXCHANGE", help: "where rejected and expired messages go")
        static let deadLetterRoutingKey = Option<String?>.text(
            "dead-letter-routing-key", valueName: "KEY", help: "routing key for dead-lettered messages")
        static let maxPriority = Option<Int?>.integer(
            "max-priority", range: 1...255, help: "enable priorities up to N (x-max-priority)")
        static let serverNamed = Option<Bool>.flag("server-named", help: "let the broker choose the name and print it")
        static let passive = Option<Bool>.flag(
            "passive", help: "only check that the queue exists (exit 1 when it does not)")
    }

    /// `declare exchange`'s options.
    enum Exchange {
        static let type = Option<String>.text(
            "type", value: .suggestions(["direct", "fanout", "topic", "headers"]), valueName: "TYPE", default: "direct",
            help: "direct, fanout, topic, headers, or a plugin's type")
        static let autoDelete = Option<Bool>.flag("auto-delete", help: "delete it when its last binding goes")
        static let isInternal = Option<Bool>.flag("internal", help: "only other exchanges may publish to it")
        static let alternateExchange = Option<String?>.text(
            "alternate-exchange", valueName: "EXCHANGE", help: "where unroutable messages go")
        static let passive = Option<Bool>.flag(
            "passive", help: "only check that the exchange exists (exit 1 when it does not)")
    }

    static let queueSpec = Command(
        "queue", summary: "Declare a queue (create it, or check an existing one has these settings)",
        discussion: """
            Redeclaring an existing queue with the same settings succeeds; with other settings the \
            broker refuses (406, exit 1). With an empty NAME or --server-named the broker picks the \
            name, and only the name is printed, so `Q=$(mq declare queue --server-named --exclusive)` \
            works. A stream (--type stream) keeps its messages up to --max-age and --max-length-bytes, \
            dropping the oldest segment (--max-segment-size-bytes) at a time; --filter-size-bytes \
            needs RabbitMQ 3.13 or later, and mq refuses it (exit 1) on an older broker, which would \
            ignore it. A stream is read with `mq consume QUEUE --offset first`: the broker refuses get.
            """,
        arguments: [queueName],
        options: [
            durable, Queue.exclusive, Queue.autoDelete, Queue.type, Queue.maxLength, Queue.maxLengthBytes,
            Queue.messageTTL, Queue.expires,
            Queue.deadLetterExchange, Queue.deadLetterRoutingKey, Queue.maxPriority, QueueArguments.deliveryLimit,
            QueueArguments.singleActiveConsumer, QueueArguments.overflow, QueueArguments.leaderLocator,
            QueueArguments.deadLetterStrategy, QueueArguments.initialClusterSize, StreamArguments.maxAge,
            StreamArguments.maxSegmentSizeBytes, StreamArguments.filterSizeBytes,
            Queue.serverNamed, Queue.passive, arg, argString,
        ],
        examples: [
            "mq declare queue orders",
            "mq declare queue orders --type quorum --max-length 10000 --dead-letter-exchange dlx",
            "Q=$(mq declare queue --server-named --exclusive)",
            "mq declare queue events --type stream --max-age 7D --max-length-bytes 20GB",
        ],
        rules: QueueArguments.rules + StreamArguments.rules,
        action: CommandHandler(declareQueue))

    static let exchangeSpec = Command(
        "exchange", summary: "Declare an exchange",
        arguments: [exchangeName],
        options: [
            Exchange.type, durable, Exchange.autoDelete, Exchange.isInternal, Exchange.alternateExchange,
            Exchange.passive, arg, argString,
        ],
        examples: ["mq declare exchange events --type topic", "mq declare exchange logs --type fanout --no-durable"],
        action: CommandHandler(declareExchange))

    static let spec = Command(
        "declare", summary: "Declare a queue, exchange, vhost, user, permission or policy",
        subcommands: [Subcommand("queue") { queueSpec }, Subcommand("exchange") { exchangeSpec }]
            + AdminObjects.declareKinds)

    /// `mq declare queue`.
    static func declareQueue(_ invocation: Invocation) throws(Failure) {
        let parsed = invocation.parsed
        let name = parsed[Queue.serverNamed] ? "" : parsed[queueName] ?? ""
        var arguments = TypedValues.table(parsed[arg], strings: parsed[argString])
        if let type = parsed[Queue.type] { arguments["x-queue-type"] = .string(type) }
        if let value = parsed[Queue.maxLength] { arguments["x-max-length"] = .int64(Int64(value)) }
        if let size = parsed[Queue.maxLengthBytes] { arguments["x-max-length-bytes"] = .int64(size.bytes) }
        if let value = parsed[Queue.messageTTL] { arguments["x-message-ttl"] = .int64(Int64(value * 1000)) }
        if let value = parsed[Queue.expires] { arguments["x-expires"] = .int64(Int64(value * 1000)) }
        if let value = parsed[Queue.deadLetterExchange] { arguments["x-dead-letter-exchange"] = .string(value) }
        if let value = parsed[Queue.deadLetterRoutingKey] { arguments["x-dead-letter-routing-key"] = .string(value) }
        if let value = parsed[Queue.maxPriority] { arguments["x-max-priority"] = .int64(Int64(value)) }
        QueueArguments.add(parsed, to: &arguments)
        StreamArguments.add(parsed, to: &arguments)
        let link = try BrokerLink(invocation, reconnecting: false)
        defer { link.close() }
        if parsed[StreamArguments.filterSizeBytes] != nil { try link.require(.streamFilters) }
        let info = try reportingFailures {
            try link.channel.declareQueue(
                name, passive: parsed[Queue.passive], durable: parsed[durable], exclusive: parsed[Queue.exclusive],
                autoDelete: parsed[Queue.autoDelete], arguments: arguments)
        }
        try invocation.emit(
            text: name.isEmpty
                ? info.name : "queue '\(info.name)': \(info.messageCount) messages, \(info.consumerCount) consumers",
            json: .object([
                ("name", .string(info.name)), ("messages", .uint(UInt64(info.messageCount))),
                ("consumers", .uint(UInt64(info.consumerCount))),
            ]))
    }

    /// `mq declare exchange`.
    static func declareExchange(_ invocation: Invocation) throws(Failure) {
        let parsed = invocation.parsed
        let name = parsed[exchangeName]
        let type = parsed[Exchange.type]
        var arguments = TypedValues.table(parsed[arg], strings: parsed[argString])
        if let value = parsed[Exchange.alternateExchange] { arguments["alternate-exchange"] = .string(value) }
        try withChannel(invocation) { channel throws(AMQPError) in
            try channel.declareExchange(
                name, type: type, passive: parsed[Exchange.passive], durable: parsed[durable],
                autoDelete: parsed[Exchange.autoDelete], internal: parsed[Exchange.isInternal], arguments: arguments)
        }
        try invocation.emit(
            text: "exchange '\(name)' (\(type))",
            json: .object([("name", .string(name)), ("type", .string(type))]))
    }
}
