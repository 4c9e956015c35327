import AMQPWire
import ArgumentParsing

/// `mq route --exchange X --key K`: the queues a message would reach, without publishing it.
enum Route {
    static let spec = CommandSpec(
        "route", summary: "Show which queues a message would reach, without publishing it (management API)",
        discussion: """
            mq reads the vhost's exchanges and bindings from the management API and routes the \
            message as the broker would: direct (the key equals the binding key), fanout (every \
            binding), topic (* is one word, # is zero or more), headers (x-match all or any over \
            the binding's arguments, the -with-x variants counting x- arguments too), following \
            exchange-to-exchange bindings, and an exchange's alternate exchange when none of its \
            bindings takes the message. One queue per line; with --verbose, each queue's path; \
            with --json, the queues with their paths. A message no queue would take is exit 2, \
            as publish would be.
            """,
        options: [exchange, key, header, headerString],
        examples: [
            "mq route --exchange events --key orders.created",
            "mq route --exchange events --key orders.created --verbose",
            "mq route --exchange uploads --header format=pdf --header size=big --json",
        ],
        action: CommandHandler(run))

    static let exchange = Option<String>.text(
        "exchange", short: "e", value: OptionSpecs.exchangeName, valueName: "EXCHANGE", default: "",
        help: "the exchange the message would be published to (default: the default exchange)")
    static let key = Option<String>.text("key", short: "k", valueName: "KEY", default: "", help: "its routing key")
    static let header = Option<[KeyValue]>.repeated(
        "header", short: "H", valueName: "KEY=VALUE", help: "a header (for headers exchanges); whole numbers and true/false are typed")
    static let headerString = Option<[KeyValue]>.repeated("header-string", valueName: "KEY=VALUE", help: "a header that stays a string")

    static func run(_ invocation: Invocation) throws(Failure) {
        let parsed = invocation.parsed
        let (exchange, key) = (parsed[Self.exchange], parsed[Self.key])
        let headers = Self.headers(TypedValues.table(parsed[header], strings: parsed[headerString]))
        let vhost = try invocation.settingsVhost()
        let topology = try withManagementAPI(invocation) { client throws(APIError) in
            let inVhost = "in vhost '\(vhost)'"
            return Topology(
                exchanges: try client.list(APIPath(["exchanges", vhost], resource: "exchanges \(inVhost)"), paginated: true),
                bindings: try client.list(APIPath(["bindings", vhost], resource: "bindings \(inVhost)"), paginated: false))
        }
        let reached: [Router.Reached]
        do {
            reached = try Router(topology: topology).routes(exchange: exchange, routingKey: key, headers: headers)
        } catch {
            switch error {
            case .noExchange(let name): throw Failure(.refused("exchange '\(name)' in vhost '\(vhost)': NOT_FOUND (404) - no such exchange"))
            }
        }
        if invocation.json {
            try invocation.emit(text: "", json: json(reached, exchange: exchange, key: key))
        } else if !invocation.quiet {
            for route in reached { invocation.stdout.write((invocation.verbose ? describe(route) : route.queue) + "\n") }
            try invocation.stdout.flush()
        }
        if reached.isEmpty {
            throw Failure(.unconfirmed("a message to exchange '\(exchange)' with routing key '\(key)' would be unroutable: no queue would take it"))
        }
    }

    /// The headers as the headers exchange compares them.
    private static func headers(_ table: FieldTable) -> [String: HeadersMatch.Value] {
        var headers: [String: HeadersMatch.Value] = [:]
        for field in table {
            if case .boolean(let flag) = field.value {
                headers[field.name] = .boolean(flag)
            } else if let text = field.value.stringValue {
                headers[field.name] = .text(text)
            } else if let number = field.value.integerValue {
                headers[field.name] = .number(Double(number))
            } else {
                headers[field.name] = .other("\(field.value)")
            }
        }
        return headers
    }

    /// One queue's path: `events (topic) -[orders.#]-> audit (fanout) -[]-> orders-audit`.
    static func describe(_ route: Router.Reached) -> String {
        let steps = route.path.map { step in
            "\(step.exchange.isEmpty ? "(default)" : step.exchange) (\(step.type)) -[\(step.bindingKey ?? "alternate")]-> "
        }
        return steps.joined() + route.queue
    }

    private static func json(_ reached: [Router.Reached], exchange: String, key: String) -> JSON {
        let queues = reached.map { route -> JSON in
            let path = route.path.map { step -> JSON in
                var fields: [(String, JSON)] = [("exchange", .string(step.exchange)), ("type", .string(step.type))]
                if let bindingKey = step.bindingKey {
                    fields.append(("binding_key", .string(bindingKey)))
                } else {
                    fields.append(("alternate", .bool(true)))
                }
                return .object(fields)
            }
            return .object([("queue", .string(route.queue)), ("path", .array(path))])
        }
        return .object([
            ("exchange", .string(exchange)), ("routing_key", .string(key)), ("queues", .array(queues)), ("unroutable", .bool(reached.isEmpty)),
        ])
    }
}
