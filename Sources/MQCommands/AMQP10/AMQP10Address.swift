import AMQP10Wire

/// The AMQP 1.0 address of a queue or of an exchange and routing key, in the form the broker
/// reads: RabbitMQ 4's (`/queues/Q`, `/exchanges/X/K`, names percent-encoded), RabbitMQ 3's
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
            if case .string(let version)? = properties?[symbol: "version"],
                let major = Int(version.prefix { $0 != "." }),
                major < 4
            {
                self = .rabbitMQ3
            } else {
                self = .rabbitMQ4
            }
        }
    }

    /// Where a message to `exchange` with `routingKey` goes: the default exchange (`""`) routes
    /// to the queue the key names.
    static func target(exchange: String, routingKey: String, form: Form) -> String {
        switch form {
        case .rabbitMQ4:
            if exchange.isEmpty { return "/queues/" + encoded(routingKey) }
            return "/exchanges/" + encoded(exchange) + (routingKey.isEmpty ? "" : "/" + encoded(routingKey))
        case .rabbitMQ3:
            if exchange.isEmpty { return "/amq/queue/" + routingKey }
            return "/exchange/" + exchange + (routingKey.isEmpty ? "" : "/" + routingKey)
        case .plain:
            return exchange.isEmpty ? routingKey : exchange
        }
    }

    /// `text` percent-encoded as a path segment of RabbitMQ 4's addresses (RFC 3986: all but
    /// the unreserved characters).
    static func encoded(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF")
                result += "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 0xF)])
            }
        }
        return result
    }
}
