import AMQP10Wire
import Transport

/// The AMQP 1.0 address of a queue or of an exchange and routing key, in the form the broker
/// reads: RabbitMQ 4's (`/queues/Q`, `/exchanges/X/K`, names percent-encoded as RFC 3986 asks), RabbitMQ 3's
/// plugin's (`/amq/queue/Q`, `/exchange/X/K`), or the plain name another broker takes.
enum AMQP10Address {
    /// The kind of broker, which decides the form.
    enum Form: Equatable {
        case rabbitMQ4, rabbitMQ3, plain

        /// The form for the peer whose open frame had `properties` (RabbitMQ names itself in
        /// `product` and gives its `version`).
        init(peerProperties properties: Map?) {
            guard case .string("RabbitMQ")? = properties?[symbol: "product"] else {
                self = .plain
                return
            }
            let major = BrokerVersion(rabbitMQ: properties)?.major ?? 4
            self = major < 4 ? .rabbitMQ3 : .rabbitMQ4
        }
    }

    /// Where messages of `queue` come from: the address a message to it goes to.
    static func source(queue: String, form: Form) -> String { target(exchange: "", routingKey: queue, form: form) }

    /// Where a message to `exchange` with `routingKey` goes: the default exchange (`""`) routes
    /// to the queue the key names.
    static func target(exchange: String, routingKey: String, form: Form) -> String {
        switch form {
        case .rabbitMQ4:
            if exchange.isEmpty { return "/queues/" + PercentEncoding.encode(routingKey) }
            return "/exchanges/" + PercentEncoding.encode(exchange)
                + (routingKey.isEmpty ? "" : "/" + PercentEncoding.encode(routingKey))
        case .rabbitMQ3:
            if exchange.isEmpty { return "/amq/queue/" + routingKey }
            return "/exchange/" + exchange + (routingKey.isEmpty ? "" : "/" + routingKey)
        case .plain:
            return exchange.isEmpty ? routingKey : exchange
        }
    }

}
