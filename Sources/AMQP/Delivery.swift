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
    /// The channel it came on (`Channel.serial`): its tag means something only there.
    public var channel: UInt64 = 0

    /// A delivery of these fields; one that came over another protocol reads as one so.
    public init(
        consumerTag: String, deliveryTag: UInt64, redelivered: Bool, exchange: String, routingKey: String,
        messageCount: UInt32? = nil, properties: BasicProperties, body: [UInt8], channel: UInt64 = 0
    ) {
        self.consumerTag = consumerTag
        self.deliveryTag = deliveryTag
        self.redelivered = redelivered
        self.exchange = exchange
        self.routingKey = routingKey
        self.messageCount = messageCount
        self.properties = properties
        self.body = body
        self.channel = channel
    }

    /// The tag to settle it with, bound to its channel.
    public var tag: DeliveryTag { DeliveryTag(value: deliveryTag, channel: channel) }
}

/// A delivery tag with the channel it belongs to. A channel settles only its own tags, so a tag
/// of a channel that is gone (its connection was lost, and the broker has put the message back)
/// is never acked on another one by mistake, where it would name another message or close the
/// channel with 406.
public struct DeliveryTag: Hashable, Sendable {
    /// The number the broker gave the delivery on its channel.
    public let value: UInt64
    /// The channel's `serial`.
    public let channel: UInt64
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
        /// No queue took it; the broker returned it, then acked it. Boxed, so that a
        /// confirmation is two words that copy without a value witness: one is made, copied and
        /// destroyed for every message published in confirm mode, and nearly all are acks.
        indirect case returned(ReturnedMessage)
    }

    /// The publish sequence number the channel gave the message (1 for the first).
    public var sequence: UInt64
    public var outcome: Outcome
}
