import AMQPWire
import ArgumentParsing

/// The queue arguments RabbitMQ 4 users set most, checked against the queue type (`--type`)
/// where the broker would refuse them or ignore them silently.
enum QueueArguments {
    static let overflows = ["drop-head", "reject-publish", "reject-publish-dlx"]
    static let leaderLocators = ["client-local", "balanced"]
    static let deadLetterStrategies = ["at-most-once", "at-least-once"]

    /// Adds `--delivery-limit`, `--single-active-consumer`, `--overflow`, `--leader-locator` and
    /// `--dead-letter-strategy` to `arguments`; a usage failure when the queue type cannot take one.
    static func add(_ parsed: ParsedCommand, to arguments: inout FieldTable) throws(Failure) {
        let type = parsed.value("type")
        func requireQuorum(_ option: String) throws(Failure) {
            guard type == "quorum" else {
                throw Failure(.usage, "--\(option) applies to quorum queues only: add --type quorum")
            }
        }
        if let limit = parsed.integer("delivery-limit") {
            try requireQuorum("delivery-limit")
            arguments["x-delivery-limit"] = .int64(limit)
        }
        if parsed.flag("single-active-consumer") {
            if type == "stream" { throw Failure(.usage, "--single-active-consumer does not apply to stream queues over AMQP 0-9-1") }
            arguments["x-single-active-consumer"] = .boolean(true)
        }
        if let overflow = parsed.value("overflow") {
            if type == "stream" { throw Failure(.usage, "--overflow does not apply to stream queues (they keep everything up to their retention)") }
            if type == "quorum", overflow == "reject-publish-dlx" {
                throw Failure(.usage, "--overflow reject-publish-dlx does not apply to quorum queues: use drop-head or reject-publish")
            }
            arguments["x-overflow"] = .string(overflow)
        }
        if let locator = parsed.value("leader-locator") { arguments["x-queue-leader-locator"] = .string(locator) }
        if let strategy = parsed.value("dead-letter-strategy") {
            try requireQuorum("dead-letter-strategy")
            // The broker quietly falls back to at-most-once unless the queue rejects publishes when full.
            if strategy == "at-least-once", parsed.value("overflow") != "reject-publish" {
                throw Failure(.usage, "--dead-letter-strategy at-least-once needs --overflow reject-publish (the broker falls back to at-most-once otherwise)")
            }
            arguments["x-dead-letter-strategy"] = .string(strategy)
        }
    }
}
