import AMQP
import AMQPWire
import ArgumentParsing

/// `mq declare queue|exchange NAME`; the admin kinds are in `AdminObjects`.
enum Declare {
    static let argOptions: [OptionSpec] = [
        OptionSpec("arg", value: .keyValue, valueName: "KEY=VALUE", repeatable: true,
                   help: "an x-argument; whole numbers and true/false are typed"),
        OptionSpec("arg-string", value: .keyValue, valueName: "KEY=VALUE", repeatable: true,
                   help: "an x-argument that stays a string"),
    ]

    static let queueSpec = CommandSpec(
        "queue", summary: "Declare a queue (create it, or check an existing one has these settings)",
        discussion: """
            Redeclaring an existing queue with the same settings succeeds; with other settings the \
            broker refuses (406, exit 1). With an empty NAME or --server-named the broker picks the \
            name, and only the name is printed, so `Q=$(mq declare queue --server-named --exclusive)` works.
            """,
        arguments: [ArgumentSpec("NAME", optional: true, help: "the queue's name")],
        options: [
            .flag("durable", default: true, negatable: true, help: "survive a broker restart"),
            .flag("exclusive", help: "only this connection may use it; deleted when it closes"),
            .flag("auto-delete", help: "delete it when its last consumer goes"),
            OptionSpec("type", value: .choice(["classic", "quorum", "stream"]), valueName: "TYPE", help: "queue type (x-queue-type)"),
            OptionSpec("max-length", value: .integer(0...Int64.max), valueName: "N", help: "most ready messages (x-max-length)"),
            OptionSpec("max-length-bytes", value: .integer(0...Int64.max), valueName: "N", help: "most bytes of ready messages (x-max-length-bytes)"),
            OptionSpec("message-ttl", value: .duration, valueName: "DURATION", help: "how long a message may wait (x-message-ttl)"),
            OptionSpec("expires", value: .duration, valueName: "DURATION", help: "delete the queue after it is unused this long (x-expires)"),
            OptionSpec("dead-letter-exchange", value: .text, valueName: "EXCHANGE", help: "where rejected and expired messages go"),
            OptionSpec("dead-letter-routing-key", value: .text, valueName: "KEY", help: "routing key for dead-lettered messages"),
            OptionSpec("max-priority", value: .integer(1...255), valueName: "N", help: "enable priorities up to N (x-max-priority)"),
            OptionSpec("delivery-limit", value: .integer(-1...Int64(Int32.max)), valueName: "N",
                       help: "quorum queues: dead-letter a message after N redeliveries, -1 for no limit (x-delivery-limit)"),
            .flag("single-active-consumer", help: "deliver to one consumer at a time, the others standing by (x-single-active-consumer)"),
            OptionSpec("overflow", value: .choice(QueueArguments.overflows), valueName: "BEHAVIOUR",
                       help: "when --max-length is reached: drop-head, reject-publish or reject-publish-dlx (x-overflow)"),
            OptionSpec("leader-locator", value: .choice(QueueArguments.leaderLocators), valueName: "LOCATOR",
                       help: "which node leads a new queue: client-local or balanced (x-queue-leader-locator)"),
            OptionSpec("dead-letter-strategy", value: .choice(QueueArguments.deadLetterStrategies), valueName: "STRATEGY",
                       help: "quorum queues: at-most-once or at-least-once (x-dead-letter-strategy)"),
            .flag("server-named", help: "let the broker choose the name and print it"),
            .flag("passive", help: "only check that the queue exists (exit 1 when it does not)"),
        ] + argOptions,
        examples: [
            "mq declare queue orders",
            "mq declare queue orders --type quorum --max-length 10000 --dead-letter-exchange dlx",
            "Q=$(mq declare queue --server-named --exclusive)",
        ])

    static let exchangeSpec = CommandSpec(
        "exchange", summary: "Declare an exchange",
        arguments: [ArgumentSpec("NAME", help: "the exchange's name")],
        options: [
            OptionSpec("type", value: .suggestions(["direct", "fanout", "topic", "headers"]), valueName: "TYPE", default: "direct",
                       help: "direct, fanout, topic, headers, or a plugin's type"),
            .flag("durable", default: true, negatable: true, help: "survive a broker restart"),
            .flag("auto-delete", help: "delete it when its last binding goes"),
            .flag("internal", help: "only other exchanges may publish to it"),
            OptionSpec("alternate-exchange", value: .text, valueName: "EXCHANGE", help: "where unroutable messages go"),
            .flag("passive", help: "only check that the exchange exists (exit 1 when it does not)"),
        ] + argOptions,
        examples: ["mq declare exchange events --type topic", "mq declare exchange logs --type fanout --no-durable"])

    static let spec = CommandSpec(
        "declare", summary: "Declare a queue, exchange, vhost, user, permission or policy",
        subcommands: [queueSpec, exchangeSpec] + AdminObjects.declareSpecs)

    static func run(_ invocation: Invocation) throws(Failure) {
        if invocation.parsed.path.last == queueSpec.name {
            try declareQueue(invocation)
        } else if invocation.parsed.path.last == exchangeSpec.name {
            try declareExchange(invocation)
        } else {
            try AdminObjects.run(invocation)
        }
    }

    private static func declareQueue(_ invocation: Invocation) throws(Failure) {
        let parsed = invocation.parsed
        let name = parsed.flag("server-named") ? "" : parsed.argument("NAME") ?? ""
        var arguments = TypedValues.table(parsed.values("arg"), strings: parsed.values("arg-string"))
        if let type = parsed.value("type") { arguments["x-queue-type"] = .string(type) }
        if let value = parsed.integer("max-length") { arguments["x-max-length"] = .int64(value) }
        if let value = parsed.integer("max-length-bytes") { arguments["x-max-length-bytes"] = .int64(value) }
        if let value = parsed.duration("message-ttl") { arguments["x-message-ttl"] = .int64(Int64(value * 1000)) }
        if let value = parsed.duration("expires") { arguments["x-expires"] = .int64(Int64(value * 1000)) }
        if let value = parsed.value("dead-letter-exchange") { arguments["x-dead-letter-exchange"] = .string(value) }
        if let value = parsed.value("dead-letter-routing-key") { arguments["x-dead-letter-routing-key"] = .string(value) }
        if let value = parsed.integer("max-priority") { arguments["x-max-priority"] = .int64(value) }
        try QueueArguments.add(parsed, to: &arguments)
        let info = try withChannel(invocation) { channel throws(AMQPError) in
            try channel.declareQueue(
                name, passive: parsed.flag("passive"), durable: parsed.flag("durable"), exclusive: parsed.flag("exclusive"),
                autoDelete: parsed.flag("auto-delete"), arguments: arguments)
        }
        try invocation.emit(
            text: name.isEmpty ? info.name : "queue '\(info.name)': \(info.messageCount) messages, \(info.consumerCount) consumers",
            json: .object([
                ("name", .string(info.name)), ("messages", .uint(UInt64(info.messageCount))),
                ("consumers", .uint(UInt64(info.consumerCount))),
            ]))
    }

    private static func declareExchange(_ invocation: Invocation) throws(Failure) {
        let parsed = invocation.parsed
        let name = parsed.argument("NAME") ?? ""
        let type = parsed.value("type") ?? "direct"
        var arguments = TypedValues.table(parsed.values("arg"), strings: parsed.values("arg-string"))
        if let value = parsed.value("alternate-exchange") { arguments["alternate-exchange"] = .string(value) }
        try withChannel(invocation) { channel throws(AMQPError) in
            try channel.declareExchange(
                name, type: type, passive: parsed.flag("passive"), durable: parsed.flag("durable"),
                autoDelete: parsed.flag("auto-delete"), internal: parsed.flag("internal"), arguments: arguments)
        }
        try invocation.emit(
            text: "exchange '\(name)' (\(type))",
            json: .object([("name", .string(name)), ("type", .string(type))]))
    }
}
