import AMQP
import ArgumentParsing

/// `mq move SOURCE`: moves messages to another queue, exchange or broker without losing any.
enum Move {
    static let source = Argument<String>.required(
        "SOURCE", value: OptionSpecs.queueName, help: "the queue to move messages from")

    static let spec = Command(
        "move",
        summary:
            "Move messages to another queue, exchange or broker, acking each only once the destination confirmed it",
        discussion: """
            Each message is published to the destination with every property and header, with \
            publisher confirms and mandatory, and acked at the source only after the destination \
            confirmed it: nothing is lost. A message the destination returns (no queue took it) or \
            nacks stops the move: it and everything not confirmed go back to the source, mq says \
            which message and why, and exits 2. Killed at any moment, every message is in the \
            source or the destination (a duplicate only among the last --window). Ctrl-C or \
            SIGTERM finishes the messages in flight and exits 130/143 with nothing duplicated.

            The destination is the same broker unless --to-url or --to-profile names another \
            one; every --to- option (user, password, vhost, TLS, ...) defaults to the source's \
            until then, so --to-vhost alone moves between vhosts. With --to-origin, each \
            dead-lettered message goes back to the exchange and routing key of its first x-death \
            entry; a message without one goes to --to-queue, or --to-exchange (with --key), if \
            given. mq stops when the source is empty, or with --timeout once it has stayed empty \
            that long.
            """,
        arguments: [source],
        options: [toQueue, toExchange, key, toOrigin, toProfile] + destination.specs + [window, count, timeout, rate],
        examples: [
            "mq move orders.dlq --to-origin",
            "mq move orders --to-queue orders-v2 --count 1000",
            "mq move orders --to-url amqps://deploy@new-cluster/orders --to-password-file ~/.secrets/new --to-queue "
                + "orders",
            "mq move events --to-exchange archive --key 'events.old'",
        ],
        rules: [
            .exclusive(toQueue, toExchange),
            .exclusive(
                toQueue, key,
                message: "--key is for --to-exchange or --to-origin; --to-queue publishes to the queue by name"),
            .oneOf(
                [.init(toQueue), .init(toExchange), .init(toOrigin)],
                message: "move needs --to-queue, --to-exchange or --to-origin"),
        ] + destination.rules,
        action: CommandHandler(run))

    static let toQueue = Option<String?>.text(
        "to-queue", value: OptionSpecs.queueName, valueName: "QUEUE", help: "publish to this queue")
    static let toExchange = Option<String?>.text(
        "to-exchange", value: OptionSpecs.exchangeName, valueName: "EXCHANGE",
        help: "publish to this exchange (with --key, or each message's own)")
    static let key = Option<String?>.text(
        "key", short: "k", valueName: "KEY", help: "the routing key for --to-exchange (or --to-origin's fallback)")
    static let toOrigin = Option<Bool>.flag(
        "to-origin",
        help: "publish each message to the exchange and routing key of its first x-death entry (for dead-letter queues)"
    )
    static let toProfile = Option<String?>.text(
        "to-profile", valueName: "NAME", help: "the destination broker is the configuration file's profile NAME")
    /// The destination broker's options: every global connection option under `--to-`.
    static let destination = GlobalOptions.broker.prefixed("to", subject: "destination")
    static let window = Option<Int>.integer(
        "window", range: 1...65535, default: 1000,
        help: "most messages in flight at once (so the most duplicated if mq is killed)")
    static let count = Option<Int?>.integer("count", short: "n", range: 1...Int64.max, help: "stop after N messages")
    static let timeout = Option<Double?>.duration(
        "timeout", short: "t", help: "stop once the source has stayed empty this long (default: stop when it is empty)")
    static let rate = Option<Rate?>.decoded(
        "rate", valueName: "N/s", help: "move at most N messages a second (or N/m a minute)")

    static func run(_ invocation: Invocation) throws(Failure) {
        var parsed = invocation.parsed
        if let profile = parsed[toProfile] {
            parsed = try Configuration.apply(
                profile: profile, as: destination, to: parsed, environment: invocation.environment,
                stderr: invocation.stderr)
        }
        let queue = parsed[source]
        let target = try target(parsed)
        let rules = Mover.Rules(
            window: parsed[window], count: parsed[count], idle: parsed[timeout], pacing: parsed[rate].map(Pacing.init))
        let destinationCandidates = try destination.candidates(parsed)
        let sourceCandidates = try GlobalOptions.connectionCandidates(parsed)
        if case .queue(let name) = target, name == queue, destinationCandidates == sourceCandidates {
            throw Failure(.usage(.destinationIsSource(queue: queue)))
        }
        Signals.install()
        let sourceLink = try BrokerLink(invocation, subject: "source")
        defer { sourceLink.close() }
        let destinationLink = try BrokerLink(invocation, candidates: destinationCandidates, subject: "destination")
        defer { destinationLink.close() }
        invocation.noteBlocking(on: destinationLink, broker: "the destination")
        let mover = Mover(
            source: sourceLink, destination: destinationLink, target: target, rules: rules,
            progress: ProgressMeter(invocation, verb: "moved", writesMessages: false))
        let counts = try mover.run(queue: queue)
        if invocation.json { try invocation.emit(text: "", json: counts.json) }
        if let refusal = mover.refusal { throw refusal.adding("; \(counts.summary)") }
        if let signal = Signals.pending { throw Failure(.signal(signal)) }
        if let wanted = rules.count, counts.moved < wanted {
            throw Failure(.incomplete(.movedFewer(moved: counts.moved, wanted: wanted, queue: queue)))
        }
        if !invocation.json {
            try invocation.emit(
                text: "moved \(counts.moved) messages from '\(queue)' to \(target.description)", json: counts.json)
        }
    }

    /// Where the options say each message goes.
    private static func target(_ parsed: ParsedCommand) throws(Failure) -> MoveTarget {
        let direct: MoveTarget? =
            if let queue = parsed[toQueue] { .queue(queue) } else if let exchange = parsed[toExchange] {
                .exchange(exchange, key: parsed[key])
            } else {
                parsed[key].map { .exchange("", key: $0) }
            }
        if parsed[toOrigin] { return .origin(fallback: direct) }
        guard let direct else { throw Failure(.usage(.noDestination)) }
        return direct
    }
}
