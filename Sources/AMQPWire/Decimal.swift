/// An AMQP decimal field value: `value` × 10^-`scale` (tag `D`; RabbitMQ errata).
public struct AMQPDecimal: Hashable, Sendable {
    /// How many digits of `value` lie after the decimal point.
    public var scale: UInt8
    /// The unscaled digits.
    public var value: UInt32

    public init(scale: UInt8, value: UInt32) {
        self.scale = scale
        self.value = value
    }
}
