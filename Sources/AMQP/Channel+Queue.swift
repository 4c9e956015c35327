import AMQPWire
import Transport

/// The broker's answer to `queue.declare`.
public struct QueueInfo: Hashable, Sendable {
    /// The queue's name (chosen by the broker when declared with an empty name).
    public var name: String
    /// Messages ready for delivery.
    public var messageCount: UInt32
    public var consumerCount: UInt32
}

extension Channel {
    /// Declares a queue (`queue.declare`); with `passive`, only checks that it exists.
    @discardableResult
    public func declareQueue(
        _ name: String, passive: Bool = false, durable: Bool = true, exclusive: Bool = false, autoDelete: Bool = false,
        arguments: FieldTable = [:], deadline: Deadline = .after(seconds: 30)
    ) throws(AMQPError) -> QueueInfo {
        let method = QueueDeclare(
            queue: name, passive: passive, durable: durable, exclusive: exclusive, autoDelete: autoDelete,
            arguments: arguments)
        let ok = try call(method, context: queueContext(name), deadline: deadline) {
            if case .queueDeclareOk(let ok) = $0 { ok } else { nil }
        }
        return QueueInfo(name: ok.queue, messageCount: ok.messageCount, consumerCount: ok.consumerCount)
    }

    /// Binds a queue to an exchange (`queue.bind`).
    public func bindQueue(
        _ queue: String, to exchange: String, routingKey: String = "", arguments: FieldTable = [:],
        deadline: Deadline = .after(seconds: 30)
    ) throws(AMQPError) {
        let method = QueueBind(queue: queue, exchange: exchange, routingKey: routingKey, arguments: arguments)
        try call(method, context: bindingContext(queue, exchange), deadline: deadline) {
            if case .queueBindOk(let ok) = $0 { ok } else { nil }
        }
    }

    /// Removes a queue binding (`queue.unbind`).
    public func unbindQueue(
        _ queue: String, from exchange: String, routingKey: String = "", arguments: FieldTable = [:],
        deadline: Deadline = .after(seconds: 30)
    ) throws(AMQPError) {
        let method = QueueUnbind(queue: queue, exchange: exchange, routingKey: routingKey, arguments: arguments)
        try call(method, context: bindingContext(queue, exchange), deadline: deadline) {
            if case .queueUnbindOk(let ok) = $0 { ok } else { nil }
        }
    }

    /// Removes every ready message from a queue (`queue.purge`); returns how many.
    public func purgeQueue(_ name: String, deadline: Deadline = .after(seconds: 30)) throws(AMQPError) -> UInt32 {
        let ok = try call(QueuePurge(queue: name), context: queueContext(name), deadline: deadline) {
            if case .queuePurgeOk(let ok) = $0 { ok } else { nil }
        }
        return ok.messageCount
    }

    /// Deletes a queue (`queue.delete`); returns how many messages it held.
    @discardableResult
    public func deleteQueue(
        _ name: String, ifUnused: Bool = false, ifEmpty: Bool = false, deadline: Deadline = .after(seconds: 30)
    ) throws(AMQPError) -> UInt32 {
        let method = QueueDelete(queue: name, ifUnused: ifUnused, ifEmpty: ifEmpty)
        let ok = try call(method, context: queueContext(name), deadline: deadline) {
            if case .queueDeleteOk(let ok) = $0 { ok } else { nil }
        }
        return ok.messageCount
    }

    func queueContext(_ name: String) -> String { "queue '\(name)' in vhost '\(vhost)'" }
}
