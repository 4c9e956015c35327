import AMQP
import AMQPWire

/// Where `mq move` publishes each message.
indirect enum MoveTarget: Hashable {
    /// A queue, through the default exchange.
    case queue(String)
    /// An exchange, with `key`, or else the routing key the message had.
    case exchange(String, key: String?)
    /// Where a dead-lettered message came from: the exchange and first routing key of its first
    /// `x-death` entry; a message without one goes to `fallback` (nil: it cannot be moved).
    case origin(fallback: MoveTarget?)

    /// The exchange and routing key to publish one message to.
    struct Address: Hashable {
        var exchange: String
        var routingKey: String
    }

    /// Where `delivery` goes; nil when it has no origin and there is no fallback.
    func address(for delivery: Delivery) -> Address? {
        switch self {
        case .queue(let queue): Address(exchange: "", routingKey: queue)
        case .exchange(let exchange, let key): Address(exchange: exchange, routingKey: key ?? delivery.routingKey)
        case .origin(let fallback): Self.origin(of: delivery) ?? fallback?.address(for: delivery)
        }
    }

    /// The exchange and first routing key of the message's first `x-death` entry (the most
    /// recent dead-lettering), if it has one.
    static func origin(of delivery: Delivery) -> Address? {
        guard case .array(let deaths)? = delivery.properties.headers?["x-death"],
            case .table(let first)? = deaths.first,
            let exchange = first["exchange"]?.stringValue, case .array(let keys)? = first["routing-keys"],
            let key = keys.first?.stringValue
        else { return nil }
        return Address(exchange: exchange, routingKey: key)
    }

    /// How the target reads in a summary line.
    var description: String {
        switch self {
        case .queue(let queue): "queue '\(queue)'"
        case .exchange(let exchange, _): "exchange '\(exchange)'"
        case .origin: "where each message was dead-lettered from"
        }
    }
}
