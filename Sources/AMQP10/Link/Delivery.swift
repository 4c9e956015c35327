import AMQP10Wire

/// A message a receiver link took: decoded, with the bytes it came in and the id to settle it by.
public struct Delivery: Hashable, Sendable {
    /// The session's delivery-id, for `Receiver.settle`.
    public let deliveryID: UInt32
    /// The sender's delivery-tag.
    public let deliveryTag: [UInt8]
    /// The message's sections as they arrived, every transfer frame's payload joined.
    public let payload: [UInt8]
    /// The decoded message.
    public let message: Message
    /// True when the sender settled it already (nothing left to settle).
    public let settled: Bool
}
