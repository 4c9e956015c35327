/// Where a message would go: each exchange type's rule over a topology's bindings, following
/// exchange-to-exchange bindings and alternate exchanges, as the broker routes.
struct Router {
    /// One step on a message's way to a queue.
    struct Step: Hashable {
        let exchange: String
        let type: String
        /// The binding key that matched; nil for the step to an alternate exchange.
        let bindingKey: String?
    }

    /// A queue the message reaches, and how.
    struct Reached: Hashable {
        let queue: String
        let path: [Step]
    }

    /// Why a message cannot be routed at all.
    enum Problem: Error, Hashable {
        case noExchange(String)
    }

    let topology: Topology

    /// The queues a message published to `exchange` with `routingKey` and `headers` reaches,
    /// each once (by the first way found), in the order found.
    func routes(exchange: String, routingKey: String, headers: [String: HeadersMatch.Value]) throws(Problem) -> [Reached] {
        guard topology.exchanges[exchange] != nil else { throw .noExchange(exchange) }
        var routes: [Reached] = []
        var reachedQueues: Set<String> = []
        var visited: Set<String> = []
        var pending: [(exchange: String, path: [Step])] = [(exchange, [])]
        while !pending.isEmpty {
            let (name, path) = pending.removeFirst()
            guard let current = topology.exchanges[name], visited.insert(name).inserted else { continue }
            let matched = (topology.bindings[name] ?? []).filter { matches($0, type: current.type, routingKey: routingKey, headers: headers) }
            if matched.isEmpty, let alternate = current.alternate {
                pending.append((alternate, path + [Step(exchange: name, type: current.type, bindingKey: nil)]))
            }
            for binding in matched {
                let step = path + [Step(exchange: name, type: current.type, bindingKey: binding.routingKey)]
                if binding.toExchange {
                    pending.append((binding.destination, step))
                } else if reachedQueues.insert(binding.destination).inserted {
                    routes.append(Reached(queue: binding.destination, path: step))
                }
            }
        }
        return routes
    }

    /// True when `binding` of an exchange of `type` takes the message.
    private func matches(_ binding: Topology.Binding, type: String, routingKey: String, headers: [String: HeadersMatch.Value]) -> Bool {
        switch type {
        case "fanout": true
        case "topic": TopicPattern(binding.routingKey).matches(routingKey)
        case "headers": HeadersMatch(bindingArguments: binding.arguments).matches(headers)
        default: binding.routingKey == routingKey  // direct, and types that route like it
        }
    }
}
