import AMQPWire
import ArgumentParsing

/// The queue arguments RabbitMQ 4 users set most, checked against the queue type (`--type`)
/// where the broker would refuse them or ignore them silently.
enum QueueArguments {
    static let deliveryLimit = Option<Int?>.integer(
        "delivery-limit", range: -1...Int64(Int32.max),
        help: "quorum queues: dead-letter a message after N redeliveries, -1 for no limit (x-delivery-limit)")
    static let singleActiveConsumer = Option<Bool>.flag(
        "single-active-consumer",
        help: "deliver to one consumer at a time, the others standing by (x-single-active-consumer)")
    static let overflow = Option<String?>.text(
        "overflow", value: .choice(["drop-head", "reject-publish", "reject-publish-dlx"]), valueName: "BEHAVIOUR",
        help: "when --max-length is reached: drop-head, reject-publish or reject-publish-dlx (x-overflow)")
    static let leaderLocator = Option<String?>.text(
        "leader-locator", value: .choice(["client-local", "balanced"]), valueName: "LOCATOR",
        help: "which node leads a new queue: client-local or balanced (x-queue-leader-locator)")
    static let deadLetterStrategy = Option<String?>.text(
        "dead-letter-strategy", value: .choice(["at-most-once", "at-least-once"]), valueName: "STRATEGY",
        help: "quorum queues: at-most-once or at-least-once (x-dead-letter-strategy)")
    static let initialClusterSize = Option<Int?>.integer(
        "initial-cluster-size", range: 1...Int64(Int32.max),
        help: "quorum and stream queues: how many nodes hold a replica at first (x-initial-cluster-size)")

    /// Where the broker would refuse these options for the queue type, or ignore them silently.
    static let rules: [OptionRule] = [
        quorumOnly(deliveryLimit),
        .exclusive(
            [.init(singleActiveConsumer), .init(Declare.Queue.type, is: "stream")],
            message: "--single-active-consumer does not apply to stream queues over AMQP 0-9-1"),
        .exclusive(
            [.init(overflow), .init(Declare.Queue.type, is: "stream")],
            message: "--overflow does not apply to stream queues (they keep everything up to their retention)"),
        .exclusive(
            [.init(overflow, is: "reject-publish-dlx"), .init(Declare.Queue.type, is: "quorum")],
            message: "--overflow reject-publish-dlx does not apply to quorum queues: use drop-head or reject-publish"),
        quorumOnly(deadLetterStrategy),
        // Replicated types only: a classic queue has no replicas (and no --type is a classic queue).
        .needs(.init(initialClusterSize), .init(Declare.Queue.type), message: replicatedOnly(initialClusterSize)),
        .exclusive(
            [.init(initialClusterSize), .init(Declare.Queue.type, is: "classic")],
            message: replicatedOnly(initialClusterSize)),
        // The broker quietly falls back to at-most-once unless the queue rejects publishes when full.
        .needs(
            .init(deadLetterStrategy, is: "at-least-once"), .init(overflow, is: "reject-publish"),
            message:
                "--dead-letter-strategy at-least-once needs --overflow reject-publish (the broker falls back to "
                + "at-most-once otherwise)"
        ),
    ]

    private static func quorumOnly(_ option: some OptionDeclaration) -> OptionRule {
        .needs(
            .init(option), .init(Declare.Queue.type, is: "quorum"),
            message: "--\(option.spec.name) applies to quorum queues only: add --type quorum")
    }

    private static func replicatedOnly(_ option: some OptionDeclaration) -> String {
        "--\(option.spec.name) applies to quorum and stream queues only: add --type quorum or --type stream"
    }

    /// Adds `--delivery-limit`, `--single-active-consumer`, `--overflow`, `--leader-locator`,
    /// `--dead-letter-strategy` and `--initial-cluster-size` to `arguments` (the rules have
    /// checked them against the type).
    static func add(_ parsed: ParsedCommand, to arguments: inout FieldTable) {
        if let limit = parsed[deliveryLimit] { arguments["x-delivery-limit"] = .int64(Int64(limit)) }
        if parsed[singleActiveConsumer] { arguments["x-single-active-consumer"] = .boolean(true) }
        if let overflow = parsed[overflow] { arguments["x-overflow"] = .string(overflow) }
        if let locator = parsed[leaderLocator] { arguments["x-queue-leader-locator"] = .string(locator) }
        if let strategy = parsed[deadLetterStrategy] { arguments["x-dead-letter-strategy"] = .string(strategy) }
        if let size = parsed[initialClusterSize] { arguments["x-initial-cluster-size"] = .int64(Int64(size)) }
    }
}
