import AMQPWire
import JSON

extension FirehoseEvent {
    /// The most characters of the body the text line shows.
    static let bodyPreview = 60

    /// The event as one line for people: the time of day, `published` or `delivered`, then
    /// logfmt pairs (exchange and keys or the queue, where a publish went, who did it, and the
    /// start of the body).
    func line(at time: WallTime) -> String {
        var pairs: [(String, String)] = []
        if let queue { pairs.append(("queue", queue)) }
        pairs.append(("exchange", exchange))
        pairs.append(("keys", routingKeys.joined(separator: ",")))
        if let routedQueues { pairs.append(("routed", routedQueues.joined(separator: ","))) }
        if let redelivered, redelivered { pairs.append(("redelivered", "true")) }
        if let user { pairs.append(("user", user)) }
        if let connection { pairs.append(("connection", connection)) }
        if let channel { pairs.append(("channel", String(channel))) }
        pairs.append(("body", bodyStart))
        return "\(time.timeOfDay) \(kind.verb) " + Logfmt.line(pairs)
    }

    /// The start of the body: up to `bodyPreview` characters of text, with `…` when there is more;
    /// a body that is not UTF-8 is described, not shown.
    var bodyStart: String {
        guard let text = String(validating: body, as: UTF8.self) else { return "(\(body.count) bytes, not UTF-8)" }
        guard text.count > Self.bodyPreview else { return text }
        return String(text.prefix(Self.bodyPreview)) + "…"
    }

    /// The event as one JSON object: when, what, where, who, and the whole message with its
    /// body, properties and headers as `consume --format json` writes them.
    func json(at time: WallTime, vhost: String) -> JSON {
        var fields: [(String, JSON)] = [
            ("time", .string(time.iso8601)), ("event", .string(kind.rawValue)), ("vhost", .string(vhost)),
            ("exchange", .string(exchange)), ("routing_keys", .array(routingKeys.map(JSON.string))),
        ]
        if let queue { fields.append(("queue", .string(queue))) }
        if let routedQueues { fields.append(("routed_queues", .array(routedQueues.map(JSON.string)))) }
        if let redelivered { fields.append(("redelivered", .bool(redelivered))) }
        if let connection { fields.append(("connection", .string(connection))) }
        if let channel { fields.append(("channel", .int(channel))) }
        if let user { fields.append(("user", .string(user))) }
        if let node { fields.append(("node", .string(node))) }
        fields += MessageJSON.bodyFields(body)
        fields.append(("properties", propertiesJSON))
        if case .table(let headers)? = properties["headers"] {
            fields.append((MessageJSON.headersField, MessageJSON.table(headers)))
        } else {
            fields.append((MessageJSON.headersField, .object([])))
        }
        return .object(fields)
    }

    /// The message's properties under the names, and in the order, `consume --format json` uses.
    private var propertiesJSON: JSON {
        .object(
            MessageJSON.propertyFields.compactMap { field in
                guard let value = properties[field.name] else { return nil }
                switch value {
                case .longString(let bytes): return (field.name, .string(String(decoding: bytes, as: UTF8.self)))
                case .timestamp(let seconds): return (field.name, .uint(seconds))
                case .void: return nil
                default: return (field.name, value.integerValue.map { JSON.int($0) } ?? MessageJSON.value(value))
                }
            })
    }
}
