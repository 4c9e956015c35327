import AMQP
import ArgumentParsing
import Routing

/// `mq route --exchange X --key K`: the queues a message would reach, computed from the
/// management API's exchanges and bindings; nothing is published.
enum Route {
    static let spec = Command(
        "route", summary: "Show the queues a message would reach, without publishing it (management API)",
        discussion: """
            mq reads the vhost's exchanges, bindings and policies from the management API and \
            follows a message with this routing key and these headers as RabbitMQ would: direct \
            (the exact key), fanout (every binding), topic (`*` is one word, `#` zero or more, so \
            'a.#' matches 'a'), headers (x-match all or any, which leave out arguments starting \
            with x-, and all-with-x or any-with-x, which count them; values are typed as publish \
            types them), exchange-to-exchange bindings, and alternate exchanges (the exchange's \
            alternate-exchange argument, else its policy's), which an exchange uses when none of its \
            own bindings match. Each exchange is visited once, so loops end, and each queue is \
            listed once, sorted by name. The default exchange sends key K to the queue named K.

            Output: one queue per line; with --verbose, each queue with its path back to the \
            exchange published to, e.g. `orders  <- events (topic, key 'orders.#') <- ingress \
            (fanout)`; with --json, the queues and each one's path from the exchange published to. \
            When no queue would take the message, mq says so on stderr and exits 2, as publish does \
            for a returned message; an exchange that does not exist is NOT_FOUND (404, exit 1). \
            The answer is what the broker's definitions say at the moment mq reads them; plugins' \
            exchange types (consistent hash, delayed message, ...) cannot be computed.
            """,
        groups: [MessageSource.route, MessageHeaders.group],
        examples: [
            "mq route --exchange events --key orders.created",
            "mq route --exchange ingress --key orders.created --verbose",
            "mq route --exchange documents --header format=pdf --header size=10 --json",
            "mq route --key orders -q || echo 'no queue named orders'",
        ],
        action: CommandHandler(run))

    /// `mq route`.
    static func run(_ invocation: Invocation) throws(Failure) {
        let parsed = invocation.parsed
        let exchange = parsed[MessageSource.exchange]
        let key = parsed[MessageSource.key]
        let headers = MessageHeaders.table(parsed).map {
            (name: $0.name, value: HeaderValue($0.value))
        }
        let vhost = try invocation.settingsVhost()
        let topology = try loadTopology(vhost: vhost, exchange: exchange, key: key, invocation)
        let routing: Routing
        do {
            routing = try Router(topology: topology).route(exchange: exchange, key: key, headers: headers)
        } catch {
            throw failure(error, vhost: vhost)
        }
        if invocation.json {
            invocation.stdout.write(routing.json(exchange: exchange, key: key, vhost: vhost).serialized() + "\n")
        } else if !invocation.quiet {
            invocation.stdout.write(invocation.verbose ? routing.pathLines : routing.queueLines)
        }
        try invocation.stdout.flush()
        guard !routing.isUnroutable else {
            throw Failure(.unconfirmed(.unroutable(exchange: exchange, vhost: vhost, routingKey: key)))
        }
    }

    /// The failure publishing would end with (the broker's own refusal), or why mq cannot tell.
    static func failure(_ error: RoutingError, vhost: String) -> Failure {
        switch error {
        case .noExchange(let name):
            let reason = CloseReason(
                replyCode: .notFound, replyText: "NOT_FOUND - no exchange '\(name)' in vhost '\(vhost)'")
            return Failure(.channelClosed(reason, context: nil))
        case .internalExchange(let name):
            let reason = CloseReason(
                replyCode: .accessRefused,
                replyText: "ACCESS_REFUSED - cannot publish to internal exchange '\(name)' in vhost '\(vhost)'")
            return Failure(.channelClosed(reason, context: nil))
        case .unknownType(let name, let type):
            return Failure(.refused(.unknownExchangeType(exchange: name, vhost: vhost, type: type)))
        }
    }
}
