import AMQP
import AMQPWire

/// One message RabbitMQ's firehose reported: a publish into an exchange, or a delivery from a
/// queue, read from a message of the `amq.rabbitmq.trace` exchange.
///
/// The firehose publishes a copy of the message's body with routing key `publish.EXCHANGE` or
/// `deliver.QUEUE` and headers naming what happened: `exchange_name`, `routing_keys`, the
/// original `properties` (a table), `node`, and for publishes `routed_queues`, for deliveries
/// `redelivered`, and for both `connection`, `channel` and `user`.
struct FirehoseEvent {
    /// What the broker did with the message.
    enum Kind: String {
        case publish, deliver

        /// The past tense, for the text line.
        var verb: String {
            switch self {
            case .publish: "published"
            case .deliver: "delivered"
            }
        }
    }

    let kind: Kind
    /// The exchange the message was published to (empty: the default exchange).
    let exchange: String
    /// Its routing keys: the publish's key, then any CC and BCC keys.
    let routingKeys: [String]
    /// For a delivery, the queue it came from.
    let queue: String?
    /// For a publish, the queues the broker routed it to, when the broker says (RabbitMQ 3.7+).
    let routedQueues: [String]?
    /// For a delivery, whether the message had been delivered before.
    let redelivered: Bool?
    /// The client's connection as the broker names it (`127.0.0.1:50412 -> 127.0.0.1:5672`).
    let connection: String?
    let channel: Int64?
    let user: String?
    let node: String?
    /// The message's own properties, as the firehose copied them (headers included).
    let properties: FieldTable
    let body: [UInt8]

    /// The event `delivery` from the trace exchange reports, or nil when its routing key is
    /// neither `publish.` nor `deliver.` something.
    init?(_ delivery: Delivery) {
        let key = delivery.routingKey
        let headers = delivery.properties.headers ?? [:]
        func text(_ name: String) -> String? { headers[name]?.stringValue }
        if key.hasPrefix("publish.") {
            kind = .publish
            queue = nil
            routedQueues = headers["routed_queues"].flatMap(Self.texts)
            redelivered = nil
        } else if key.hasPrefix("deliver.") {
            kind = .deliver
            queue = String(key.dropFirst("deliver.".count))
            routedQueues = nil
            redelivered = headers["redelivered"].map { $0.integerValue.map { $0 != 0 } ?? ($0 == .boolean(true)) }
        } else {
            return nil
        }
        exchange = text("exchange_name") ?? (kind == .publish ? String(key.dropFirst("publish.".count)) : "")
        routingKeys = headers["routing_keys"].flatMap(Self.texts) ?? []
        connection = text("connection")
        channel = headers["channel"]?.integerValue
        user = text("user")
        node = text("node")
        if case .table(let table)? = headers["properties"] { properties = table } else { properties = [:] }
        body = delivery.body
    }

    /// The strings of an array of strings.
    private static func texts(_ value: FieldValue) -> [String]? {
        guard case .array(let values) = value else { return nil }
        return values.compactMap(\.stringValue)
    }
}
