import AMQP
import AMQPWire
import Transport

/// Over 0-9-1: messages come by `basic.deliver` or `basic.get`, are taken with an ack and given
/// back with a nack or reject that requeues.
extension BrokerLink: MessageLink {
    func onReconnect(_ resume: (() -> String?)?) {
        self.resume = resume.map { note in { _ in note() } }
    }

    func next(until deadline: Deadline, watching descriptor: Int32, events: Int16) throws -> MessageArrival {
        guard descriptor >= 0 else {
            return try channel.nextDelivery(deadline: deadline).map { .message(ReceivedMessage($0)) } ?? .timedOut
        }
        switch try channel.nextDelivery(deadline: deadline, watching: descriptor, events: events) {
        case .delivery(let delivery): return .message(ReceivedMessage(delivery))
        case .descriptor(let revents): return .descriptor(revents)
        case .timedOut: return .timedOut
        }
    }

    func fetch(from queue: String) throws -> ReceivedMessage? {
        try channel.get(queue: queue).map { ReceivedMessage($0) }
    }

    func accept(upTo tag: DeliveryTag) throws {
        try channel.ack(tag, multiple: true)
        try channel.connection.flush()
    }

    func release(upTo tag: DeliveryTag) throws {
        try channel.nack(tag, multiple: true, requeue: true)
        try channel.connection.flush()
    }

    func settle(_ tag: DeliveryTag, as disposition: Disposition) throws {
        switch disposition {
        case .accept: try channel.ack(tag)
        case .requeue, .release: try channel.reject(tag, requeue: true)
        case .reject: try channel.reject(tag, requeue: false)
        }
        try channel.connection.flush()
    }

    func publishReply(_ body: [UInt8], to replyTo: String, correlationID: String?) throws {
        try channel.publish(body, routingKey: replyTo, properties: BasicProperties(correlationID: correlationID))
    }
}
