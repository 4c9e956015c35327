import AMQPWire
import Transport

extension Channel {
    /// Puts the channel in confirm mode (`confirm.select`): the broker then acks or nacks every
    /// message published on it, and `publish` returns sequence numbers. Does not wait for
    /// `select-ok`: the broker handles the channel's methods in order, so the first message may
    /// follow at once, and the reply is checked when it arrives.
    public func enableConfirms() throws(AMQPError) {
        guard cell.machine.confirms == nil else { return }
        try sendOwingReply(ConfirmSelect(), reply: ConfirmSelectOk.self)
        cell.machine.confirms = ConfirmTracker()
    }

    /// Publishes one message (`basic.publish`, a content header and body frames).
    ///
    /// The frames are queued and go out when the buffer fills or at the next wait or flush.
    /// - Returns: the message's sequence number in confirm mode, else nil.
    @discardableResult
    public func publish(
        _ body: [UInt8], exchange: String = "", routingKey: String, mandatory: Bool = false,
        properties: BasicProperties = BasicProperties()
    ) throws(AMQPError) -> UInt64? {
        try publish(body[...], exchange: exchange, routingKey: routingKey, mandatory: mandatory, properties: properties)
    }

    /// Publishes one message whose body is a slice (a line of a larger buffer), as `publish`.
    ///
    /// The method and content header frames are encoded once for a run of messages to the same
    /// place with the same properties (`PublishHead`), and copied for each.
    @discardableResult
    public func publish(
        _ body: ArraySlice<UInt8>, exchange: String = "", routingKey: String, mandatory: Bool = false,
        properties: BasicProperties = BasicProperties()
    ) throws(AMQPError) -> UInt64? {
        try checkOpen(context: nil)
        try connection.checkUsable()
        if publishHead?.matches(
            channel: number, exchange: exchange, routingKey: routingKey, mandatory: mandatory, properties: properties)
            != true
        {
            do throws(PublishHead.Failure) {
                publishHead = try PublishHead(
                    channel: number, exchange: exchange, routingKey: routingKey, mandatory: mandatory,
                    properties: properties)
            } catch {
                switch error {
                case .method(let error): throw .invalidArgument(.unencodable(method: BasicPublish.name, error))
                case .properties(let error): throw .invalidArgument(.unencodable(method: nil, error))
                }
            }
        }
        try connection.transport.send(publishHead!, body: body)
        return cell.machine.confirms?.published(exchange: exchange, routingKey: routingKey)
    }

    /// How many published messages await an ack or nack.
    public var unconfirmedCount: Int { cell.machine.confirms?.outstanding ?? 0 }

    /// Takes the confirmations that have arrived so far, oldest first, without waiting.
    public func takeConfirmations() -> [Confirmation] {
        let taken = cell.machine.confirmations
        cell.machine.confirmations = []
        return taken
    }

    /// Takes the returns of mandatory messages published without confirm mode.
    public func takeReturns() -> [ReturnedMessage] {
        cell.machine.returns.popAll()
    }

    /// Waits until at most `limit` messages are unconfirmed (0: all confirmed); false when the
    /// deadline passes first. Confirmations then wait in `takeConfirmations()`.
    public func waitForConfirms(atMost limit: Int = 0, deadline: Deadline) throws(AMQPError) -> Bool {
        let done = try connection.wait(until: deadline) { () throws(AMQPError) -> Bool? in
            try checkOpen(context: nil)
            return unconfirmedCount <= limit ? true : nil
        }
        return done ?? false
    }

    /// True while the broker allows publishing: not blocked by a resource alarm and not paused
    /// by `channel.flow`.
    public var mayPublish: Bool { cell.machine.flowActive && connection.blockedReason == nil }
}

extension Channel {
    /// Waits while the broker blocks publishing (`connection.blocked` or `channel.flow`); false
    /// when the deadline passes first. The deadline is computed only when there is a wait (this
    /// runs before every message).
    public func waitUntilPublishable(deadline: @autoclosure () -> Deadline) throws(AMQPError) -> Bool {
        if mayPublish { return true }
        return try connection.wait(until: deadline()) { () throws(AMQPError) -> Bool? in
            try checkOpen(context: nil)
            return mayPublish ? true : nil
        } ?? false
    }
}
