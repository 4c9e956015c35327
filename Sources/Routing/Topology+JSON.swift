import JSON

/// An object from the management API that is not what a topology is made of.
public struct MalformedTopology: Error, Hashable, Sendable {
    /// What was wrong, e.g. `a binding without a destination`.
    public var problem: String
}

extension Topology {
    /// The topology the management API describes: `exchanges` from `/api/exchanges/VHOST`,
    /// `bindings` from `/api/bindings/VHOST` and `policies` from `/api/policies/VHOST`, with
    /// `queues` the queues the default exchange may reach.
    ///
    /// The API shows an exchange's policy by name only (no `effective_policy_definition`, which
    /// it gives for queues), so a policy's `alternate-exchange` is looked up in `policies`. The
    /// default exchange's implicit bindings (source `""`) are left out: `queues` stands for them.
    public init(exchanges: [JSON], bindings: [JSON], policies: [JSON], queues: Set<String>) throws(MalformedTopology) {
        var alternates: [String: String] = [:]
        for policy in policies {
            if case .string(let name)? = policy["name"],
                case .string(let alternate)? = policy["definition"]?["alternate-exchange"]
            {
                alternates[name] = alternate
            }
        }
        var decodedExchanges: [Exchange] = []
        for object in exchanges {
            guard case .string(let name)? = object["name"], case .string(let type)? = object["type"] else {
                throw MalformedTopology(problem: "an exchange without a name or type")
            }
            var exchange = Exchange(name: name, type: ExchangeType(type))
            if case .bool(true)? = object["internal"] { exchange.isInternal = true }
            if case .string(let alternate)? = object["arguments"]?["alternate-exchange"] {
                exchange.alternate = alternate
            } else if case .string(let policy)? = object["policy"] {
                exchange.alternate = alternates[policy]
            }
            decodedExchanges.append(exchange)
        }
        var decodedBindings: [Binding] = []
        for object in bindings {
            guard case .string(let source)? = object["source"], case .string(let destination)? = object["destination"],
                case .string(let kind)? = object["destination_type"]
            else { throw MalformedTopology(problem: "a binding without a source, destination or destination_type") }
            guard !source.isEmpty else { continue }
            let target: Destination
            switch kind {
            case "queue": target = .queue(destination)
            case "exchange": target = .exchange(destination)
            default: throw MalformedTopology(problem: "a binding to a '\(kind)'")
            }
            var key = ""
            if case .string(let text)? = object["routing_key"] { key = text }
            var arguments: [(name: String, value: HeaderValue)] = []
            if case .object(let fields)? = object["arguments"] {
                arguments = fields.map { (name: $0.0, value: HeaderValue($0.1)) }
            }
            decodedBindings.append(Binding(source: source, destination: target, key: key, arguments: arguments))
        }
        self.init(exchanges: decodedExchanges, bindings: decodedBindings, queues: queues)
    }
}
