import AMQP
import Transport

/// Over 0-9-1: messages come by `basic.deliver` or `basic.get`, are taken with a multiple ack
/// and given back with a multiple nack that requeues.
extension BrokerLink: MessageLink {
    func onReconnect(_ resume: (() -> String?)?) {
        self.resume = resume.map { note in { _ in note() } }
    }

    func nextMessage(until deadline: Deadline, watching output: OutputStream) throws -> ReceivedMessage? {
        guard output.watchesReader else {
            return try channel.nextDelivery(deadline: deadline).map { ReceivedMessage($0) }
        }
        switch try channel.nextDelivery(deadline: deadline, watching: output.descriptor, events: 0) {
        case .delivery(let delivery): return ReceivedMessage(delivery)
        case .descriptor(let revents):
            _ = output.readerLeft(revents: revents)
            return nil
        case .timedOut: return nil
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
}
