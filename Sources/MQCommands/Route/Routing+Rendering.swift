import JSON
import Routing

/// How `mq route` shows a routing: queue names, each queue's path, or JSON.
extension Routing {
    /// One queue per line.
    var queueLines: String { queues.map { $0 + "\n" }.joined() }

    /// One queue per line, each followed by its path back to the exchange published to:
    /// `orders  <- events (topic, key 'orders.#') <- ingress (fanout)`.
    var pathLines: String {
        paths.map { path in
            path.queue + "  "
                + path.hops.reversed().map { "<- \(Self.name($0.exchange)) (\($0.summary))" }.joined(separator: " ")
                + "\n"
        }.joined()
    }

    /// `{"exchange": ..., "routing_key": ..., "vhost": ..., "queues": [{"queue": ..., "path": [...]}], "unroutable": ...}`,
    /// each path from the exchange published to.
    func json(exchange: String, key: String, vhost: String) -> JSON {
        .object([
            ("exchange", .string(exchange)), ("routing_key", .string(key)), ("vhost", .string(vhost)),
            (
                "queues",
                .array(paths.map { .object([("queue", .string($0.queue)), ("path", .array($0.hops.map(\.json)))]) })
            ),
            ("unroutable", .bool(isUnroutable)),
        ])
    }

    /// An exchange's name as paths show it: the default exchange has none.
    static func name(_ exchange: String) -> String { exchange.isEmpty ? "(AMQP default)" : exchange }
}

extension RoutePath.Hop {
    /// The exchange's type and how the message left it: `topic, key 'orders.#'`.
    var summary: String {
        switch via {
        case .alternate: return "\(type.name), no binding matched: alternate exchange"
        case .defaultExchange: return "direct, the key names the queue"
        case .binding(let binding):
            switch type {
            case .direct, .topic: return "\(type.name), key '\(binding.key)'"
            case .fanout: return "fanout"
            case .headers:
                let arguments = binding.arguments.map { "\($0.name)=\($0.value.text)" }.joined(separator: ", ")
                return arguments.isEmpty ? "headers" : "headers, \(arguments)"
            case .other(let name): return name
            }
        }
    }

    /// `{"exchange": ..., "type": ..., "via": "binding", "binding_key": ..., "arguments": {...}}`;
    /// `via` is `alternate-exchange` or `default-exchange` for the other ways out.
    var json: JSON {
        var fields: [(String, JSON)] = [("exchange", .string(exchange)), ("type", .string(type.name))]
        switch via {
        case .binding(let binding):
            fields += [
                ("via", .string("binding")), ("binding_key", .string(binding.key)),
                ("arguments", .object(binding.arguments.map { ($0.name, $0.value.json) })),
            ]
        case .alternate: fields.append(("via", .string("alternate-exchange")))
        case .defaultExchange: fields.append(("via", .string("default-exchange")))
        }
        return .object(fields)
    }
}
