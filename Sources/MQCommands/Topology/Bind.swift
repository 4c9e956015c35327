import AMQP
import AMQPWire
import ArgumentParsing
import Routing

/// `mq bind|unbind queue|exchange NAME --exchange SOURCE [--key K] [--arg K=V]...`.
enum Bind {
    static let queue = Argument<String>.required("QUEUE", value: OptionSpecs.queueName, help: "the queue")
    static let destination = Argument<String>.required(
        "DESTINATION", value: OptionSpecs.exchangeName, help: "the exchange that receives")

    static let exchange = Option<String?>.text(
        "exchange", short: "e", value: OptionSpecs.exchangeName, valueName: "EXCHANGE",
        help: "the source exchange (required)")
    static let key = Option<String>.text(
        "key", short: "k", valueName: "KEY", default: "", help: "routing key (or pattern, for topic exchanges)")
    static let match = Option<String?>.text(
        "match", value: .choice(HeadersMatch.allCases.map(\.name)), valueName: "MODE",
        help: "for headers exchanges: x-match all or any of the --arg headers (-with-x: x- headers count too)")
    static let options = [exchange.spec, key.spec, match.spec] + Declare.argOptions

    static func spec(_ verb: String, summary: String) -> Command {
        let preposition = verb == "bind" ? "to" : "from"
        return Command(
            verb, summary: summary,
            subcommands: [
                Command(
                    "queue",
                    summary: "\(verb.prefix(1).uppercased() + verb.dropFirst()) a queue \(preposition) an exchange",
                    arguments: [queue], options: options,
                    examples: ["mq \(verb) queue orders --exchange events --key 'orders.*'"],
                    rules: [exchangeRequired(verb, "queue")],
                    action: CommandHandler { invocation throws(Failure) in
                        try run(invocation, binding: verb == "bind", queue: true)
                    }),
                Command(
                    "exchange",
                    summary:
                        "\(verb.prefix(1).uppercased() + verb.dropFirst()) an exchange \(preposition) another exchange",
                    arguments: [destination], options: options,
                    examples: ["mq \(verb) exchange audit --exchange events --key '#'"],
                    rules: [exchangeRequired(verb, "exchange")],
                    action: CommandHandler { invocation throws(Failure) in
                        try run(invocation, binding: verb == "bind", queue: false)
                    }),
            ])
    }

    /// A binding always has a source.
    private static func exchangeRequired(_ verb: String, _ kind: String) -> OptionRule {
        .required(exchange, message: "\(verb) \(kind) needs --exchange (the source exchange)")
    }

    static let bindSpec = spec("bind", summary: "Bind a queue or exchange to an exchange")
    static let unbindSpec = spec("unbind", summary: "Remove a binding")

    /// `mq bind` (`binding`) or `mq unbind`, of a queue (`queue`) or an exchange.
    static func run(_ invocation: Invocation, binding isBind: Bool, queue isQueue: Bool) throws(Failure) {
        let parsed = invocation.parsed
        let source = parsed[exchange] ?? ""
        let destination = parsed[isQueue ? queue : Self.destination]
        let key = parsed[Self.key]
        var arguments = TypedValues.table(parsed[Declare.arg], strings: parsed[Declare.argString])
        if let match = parsed[match] { arguments["x-match"] = .string(match) }
        try withChannel(invocation) { channel throws(AMQPError) in
            switch (isBind, isQueue) {
            case (true, true): try channel.bindQueue(destination, to: source, routingKey: key, arguments: arguments)
            case (false, true):
                try channel.unbindQueue(destination, from: source, routingKey: key, arguments: arguments)
            case (true, false): try channel.bindExchange(destination, to: source, routingKey: key, arguments: arguments)
            case (false, false):
                try channel.unbindExchange(destination, from: source, routingKey: key, arguments: arguments)
            }
        }
        let kind = isQueue ? "queue" : "exchange"
        try invocation.emit(
            text:
                "\(isBind ? "bound" : "unbound") \(kind) '\(destination)' \(isBind ? "to" : "from") exchange '\(source)' with key '\(key)'",
            json: .object([
                ("source", .string(source)), ("destination", .string(destination)), ("destination_type", .string(kind)),
                ("routing_key", .string(key)),
            ]))
    }
}
