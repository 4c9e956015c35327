import AMQP

extension Delivery {
    /// Where a message from a stream queue is in the stream: the broker's `x-stream-offset` header.
    var streamOffset: Int64? { properties.headers?["x-stream-offset"]?.integerValue }
}
