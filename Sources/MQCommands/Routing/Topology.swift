/// A vhost's exchanges and bindings as the management API lists them: what `mq route` routes over.
struct Topology {
    struct Exchange {
        let name: String
        let type: String
        /// Where messages it cannot route go (its `alternate-exchange` argument, or a policy's).
        let alternate: String?
    }

    struct Binding {
        let source: String
        let destination: String
        let toExchange: Bool
        let routingKey: String
        let arguments: [(name: String, value: HeadersMatch.Value)]
    }

    let exchanges: [String: Exchange]
    /// Bindings by source exchange, in the order the API gave them.
    let bindings: [String: [Binding]]

    init(exchanges: [Exchange], bindings: [Binding]) {
        self.exchanges = Dictionary(exchanges.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.bindings = Dictionary(grouping: bindings, by: \.source)
    }

    /// Decodes the API's `/exchanges/VHOST` and `/bindings/VHOST` lists.
    init(exchanges: [JSON], bindings: [JSON]) {
        let decodedExchanges = exchanges.compactMap { object -> Exchange? in
            guard case .string(let name)? = object["name"], case .string(let type)? = object["type"] else { return nil }
            let alternate =
                object.value(at: ["arguments", "alternate-exchange"]) ?? object.value(at: ["effective_policy_definition", "alternate-exchange"])
            if case .string(let target)? = alternate { return Exchange(name: name, type: type, alternate: target) }
            return Exchange(name: name, type: type, alternate: nil)
        }
        let decodedBindings = bindings.compactMap { object -> Binding? in
            guard case .string(let source)? = object["source"], case .string(let destination)? = object["destination"],
                case .string(let kind)? = object["destination_type"]
            else { return nil }
            let key = if case .string(let key)? = object["routing_key"] { key } else { "" }
            var arguments: [(name: String, value: HeadersMatch.Value)] = []
            if case .object(let fields)? = object["arguments"] {
                arguments = fields.map { ($0.0, Self.value(of: $0.1)) }
            }
            return Binding(source: source, destination: destination, toExchange: kind == "exchange", routingKey: key, arguments: arguments)
        }
        self.init(exchanges: decodedExchanges, bindings: decodedBindings)
    }

    /// A JSON value as the headers exchange compares it.
    static func value(of json: JSON) -> HeadersMatch.Value {
        switch json {
        case .string(let text): .text(text)
        case .int(let number): .number(Double(number))
        case .uint(let number): .number(Double(number))
        case .double(let number): .number(number)
        case .bool(let flag): .boolean(flag)
        case .null, .array, .object: .other(json.serialized())
        }
    }
}
