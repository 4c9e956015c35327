import AMQPWire
import Testing

/// One method and the payload of its method frame, worked out by hand from the spec.
///
/// The payload is what spec 4.2.4 puts in a method frame: class id (short), method id (short),
/// then the arguments in the order and types of `amqp-rabbitmq-0.9.1.json`. Reserved arguments
/// (ticket, out-of-band, capabilities, insist, known-hosts, channel-id, cluster-id) travel as
/// their defaults. Consecutive bit arguments share one octet, the first in the lowest bit.
struct MethodVector: Sendable, CustomTestStringConvertible {
    let method: Method
    let payload: [UInt8]

    init(_ method: Method, _ payload: [UInt8]) {
        self.method = method
        self.payload = payload
    }

    var testDescription: String { method.name }

    /// A vector for every method of every class the client speaks.
    static let all: [MethodVector] = connection + channel + exchange + queue + basic + confirm + tx
}
