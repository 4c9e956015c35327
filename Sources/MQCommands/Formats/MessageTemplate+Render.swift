import AMQP
import AMQPWire
import HTTP
import JSON

extension MessageTemplate {
    /// Appends `delivery`, received from `queue`, written through the template, to `bytes`.
    /// Strings go in as their UTF-8 and numbers as their digits (no Foundation formatting); an
    /// absent property or header adds nothing.
    func render(_ delivery: Delivery, queue: String, into bytes: inout [UInt8]) {
        for segment in segments {
            switch segment {
            case .literal(let literal): bytes.append(contentsOf: literal)
            case .envelope(let envelope): Self.append(envelope, of: delivery, queue: queue, to: &bytes)
            case .property(let index):
                if let value = MessageJSON.propertyFields[index].value(delivery.properties) {
                    Self.append(value, to: &bytes)
                }
            case .headers:
                if let headers = delivery.properties.headers {
                    bytes.append(contentsOf: MessageJSON.table(headers).serialized().utf8)
                }
            case .header(let name):
                if let value = delivery.properties.headers?[name] {
                    bytes.append(contentsOf: MessageJSON.text(value).utf8)
                }
            }
        }
    }

    private static func append(_ envelope: Envelope, of delivery: Delivery, queue: String, to bytes: inout [UInt8]) {
        switch envelope {
        case .body: bytes.append(contentsOf: delivery.body)
        case .bodyBase64: bytes.append(contentsOf: Base64.encode(delivery.body).utf8)
        case .exchange: bytes.append(contentsOf: delivery.exchange.utf8)
        case .routingKey: bytes.append(contentsOf: delivery.routingKey.utf8)
        case .redelivered: bytes.append(contentsOf: (delivery.redelivered ? "true" : "false").utf8)
        case .deliveryTag: bytes.append(contentsOf: String(delivery.deliveryTag).utf8)
        case .queue: bytes.append(contentsOf: queue.utf8)
        case .offset: if let offset = delivery.streamOffset { bytes.append(contentsOf: String(offset).utf8) }
        }
    }

    /// A property's value: a string as it is, a number as its digits.
    private static func append(_ value: JSON, to bytes: inout [UInt8]) {
        switch value {
        case .string(let text): bytes.append(contentsOf: text.utf8)
        case .uint(let number): bytes.append(contentsOf: String(number).utf8)
        case .null, .bool, .int, .double, .array, .object: bytes.append(contentsOf: value.serialized().utf8)
        }
    }
}
