/// Computes where a message would go without publishing it, with RabbitMQ's rules: each
/// exchange type's matching, exchange-to-exchange bindings, and alternate exchanges (taken by an
/// exchange that itself matched no binding, whatever happens further on); every exchange is
/// visited at most once, so loops end, and every queue is reached once.
public struct Router: Sendable {
    public let topology: Topology

    /// A router over `topology`.
    public init(topology: Topology) { self.topology = topology }

    /// Where a message published to `exchange` with `key` and `headers` would go.
    public func route(exchange: String, key: String, headers: [(name: String, value: HeaderValue)] = [])
        throws(RoutingError) -> Routing
    {
        guard let entry = topology.exchanges[exchange] else { throw .noExchange(exchange) }
        guard !entry.isInternal else { throw .internalExchange(exchange) }
        var reached: [String: RoutePath] = [:]
        var seen: Set<String> = [exchange]
        // Breadth first, so each queue's path is one of the shortest.
        var work: [(exchange: Topology.Exchange, hops: [RoutePath.Hop])] = [(entry, [])]
        var next = 0
        while next < work.count {
            let (current, hops) = work[next]
            next += 1
            for (destination, via) in try destinations(of: current, key: key, headers: headers) {
                let path = hops + [RoutePath.Hop(exchange: current.name, type: current.type, via: via)]
                switch destination {
                case .queue(let queue):
                    if reached[queue] == nil { reached[queue] = RoutePath(queue: queue, hops: path) }
                case .exchange(let name):
                    // An exchange bound or named as alternate that does not exist is passed over.
                    guard seen.insert(name).inserted, let found = topology.exchanges[name] else { continue }
                    work.append((found, path))
                }
            }
        }
        return Routing(paths: reached.values.sorted { $0.queue.utf8.lexicographicallyPrecedes($1.queue.utf8) })
    }

    /// Where `exchange` itself sends the message: the destinations of its matching bindings, or
    /// when none match, its alternate exchange. The default exchange sends it to the queue the
    /// routing key names, when there is one.
    private func destinations(
        of exchange: Topology.Exchange, key: String, headers: [(name: String, value: HeaderValue)]
    ) throws(RoutingError) -> [(Topology.Destination, RoutePath.Hop.Via)] {
        if exchange.name.isEmpty {
            return topology.queues.contains(key) ? [(.queue(key), .defaultExchange)] : []
        }
        let bindings = topology.bindings(from: exchange.name)
        let matched: [Topology.Binding]
        switch exchange.type {
        case .direct: matched = bindings.filter { $0.key == key }
        case .fanout: matched = bindings
        case .topic: matched = bindings.filter { TopicPattern($0.key).matches(key) }
        case .headers: matched = bindings.filter { HeadersMatch.matches(headers, arguments: $0.arguments) }
        case .other(let name): throw .unknownType(exchange: exchange.name, type: name)
        }
        guard matched.isEmpty, let alternate = exchange.alternate else {
            return matched.map { ($0.destination, .binding($0)) }
        }
        return [(.exchange(alternate), .alternate)]
    }
}
