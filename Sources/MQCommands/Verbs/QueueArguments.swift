import AMQPWire
import ArgumentParsing

/// The queue arguments RabbitMQ 4 users set most, checked against the queue type (`--type`)
/// where the broker would refuse them or ignore them silently.
enum QueueArguments {
    static let deliveryLimit = Option<Int?>.integer(
        "delivery-limit", range: -1...Int64(Int32.max),
        help: "quorum queues: dead-letter a message after N redeliveries, -1 for no limit (x-delivery-limit)")
    static let singleActiveConsumer = Option<Bool>.flag(
        "single-active-consumer", help: "deliver to one consumer at a time, the others standing by (x-single-active-consumer)")
    static let overflow = Option<String?>.text(
        "overflow", value: .choice(["drop-head", "reject-publish", "reject-publish-dlx"]), valueName: "BEHAVIOUR",
        help: "when --max-length is reached: drop-head, reject-publish or reject-publish-dlx (x-overflow)")
    static let leaderLocator = Option<String?>.text(
        "leader-locator", value: .choice(["client-local", "balanced"]), valueName: "LOCATOR",
        help: "which node leads a new queue: client-local or balanced (x-queue-leader-locator)")
    static let deadLetterStrategy = Option<String?>.text(
        "dead-letter-strategy", value: .choice(["at-most-once", "at-least-once"]), valueName: "STRATEGY",
        help: "quorum queues: at-most-once or at-least-once (x-dead-letter-strategy)")

    /// Adds `--delivery-limit`, `--single-active-consumer`, `--overflow`, `--leader-locator` and
    /// `--dead-letter-strategy` to `arguments`; a usage failure when the queue type cannot take one.
    static func add(_ parsed: ParsedCommand, to arguments: inout FieldTable) throws(Failure) {
        let type = parsed[Declare.Queue.type]
        func requireQuorum(_ option: some OptionDeclaration) throws(Failure) {
            guard type == "quorum" else {
                throw Failure(.usage("--\(option.spec.name) applies to quorum queues only: add --type quorum"))
            }
        }
        if let limit = parsed[deliveryLimit] {
            try requireQuorum(deliveryLimit)
            arguments["x-delivery-limit"] = .int64(Int64(limit))
        }
        if parsed[singleActiveConsumer] {
            if type == "stream" { throw Failure(.usage("--single-active-consumer does not apply to stream queues over AMQP 0-9-1")) }
            arguments["x-single-active-consumer"] = .boolean(true)
        }
        if let overflow = parsed[overflow] {
            if type == "stream" { throw Failure(.usage("--overflow does not apply to stream queues (they keep everything up to their retention)")) }
            if type == "quorum", overflow == "reject-publish-dlx" {
                throw Failure(.usage("--overflow reject-publish-dlx does not apply to quorum queues: use drop-head or reject-publish"))
            }
            arguments["x-overflow"] = .string(overflow)
        }
        if let locator = parsed[leaderLocator] { arguments["x-queue-leader-locator"] = .string(locator) }
        if let strategy = parsed[deadLetterStrategy] {
            try requireQuorum(deadLetterStrategy)
            // The broker quietly falls back to at-most-once unless the queue rejects publishes when full.
            if strategy == "at-least-once", parsed[overflow] != "reject-publish" {
                throw Failure(.usage("--dead-letter-strategy at-least-once needs --overflow reject-publish (the broker falls back to at-most-once otherwise)"))
            }
            arguments["x-dead-letter-strategy"] = .string(strategy)
        }
    }
}
