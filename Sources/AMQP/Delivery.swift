import AMQPWire

/// A message handed to us by `basic.deliver` or `basic.get-ok`.
public struct Delivery: Hashable, Sendable {
    /// The consumer it was delivered to; empty for `basic.get`.
    public var consumerTag: String
    /// The tag to ack, nack or reject it with on its channel.
    public var deliveryTag: UInt64
    public var redelivered: Bool
    public var exchange: String
    public var routingKey: String
    /// Messages left in the queue, known only for `basic.get`.
    public var messageCount: UInt32?
    public var properties: BasicProperties
    public var body: [UInt8]
}

/// A mandatory message the broker could not route, from `basic.return`.
public struct ReturnedMessage: Hashable, Sendable {
    public var replyCode: ReplyCode
    public var replyText: String
    public var exchange: String
    public var routingKey: String
}

/// What became of one published message in confirm mode.
public struct Confirmation: Hashable, Sendable {
    public enum Outcome: Hashable, Sendable {
        /// The broker took responsibility for it.
        case acked
        /// The broker could not take it (e.g. a queue's overflow setting rejected it).
        case nacked
        /// No queue took it; the broker returned it, then acked it.
        case returned(ReturnedMessage)
    }

    /// The publish sequence number the channel gave the message (1 for the first).
    public var sequence: UInt64
    public var outcome: Outcome
}
