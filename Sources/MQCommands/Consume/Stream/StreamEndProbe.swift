import AMQP
import AMQPWire
import Transport

/// Finds where `--until TIME` ends a read, by asking the broker (AMQP 0-9-1 deliveries carry no
/// time): the record just before the first one the broker placed at or after TIME (it keeps times
/// per chunk of records, so the boundary is a chunk's), or, when the stream has none, the last
/// record in the stream now. The probes are consumers on a channel of their own, closed after.
enum StreamEndProbe {
    /// How long a probe waits for the broker's first record: records already in the stream come
    /// at once, so a probe that gets none in this time found none.
    static let answerWithin = 1.0
    /// How long the last chunk's records may pause before the probe takes them all as come (a
    /// chunk is read and sent in one go).
    static let chunkPause = 0.1

    /// The last offset before `seconds` since 1970 in `queue`; -1 when there is none.
    static func lastOffset(before seconds: UInt64, queue: String, connection: Connection) throws(AMQPError)
        -> Int64
    {
        let channel = try connection.openChannel()
        defer { try? channel.close() }
        try channel.setPrefetch(count: 1000)
        let byTime = try channel.consume(queue: queue, arguments: ["x-stream-offset": .timestamp(seconds)])
        if let first = try channel.nextDelivery(deadline: .after(seconds: answerWithin))?.streamOffset {
            return first - 1
        }
        try channel.cancel(consumerTag: byTime)
        // Nothing at or after the time: the stream ends before it, at the last record of its last chunk.
        try channel.consume(queue: queue, arguments: ["x-stream-offset": .string("last")])
        var last: Int64 = -1
        var deadline = Deadline.after(seconds: answerWithin)
        while let offset = try channel.nextDelivery(deadline: deadline)?.streamOffset {
            last = max(last, offset)
            deadline = .after(seconds: chunkPause)
        }
        return last
    }
}
