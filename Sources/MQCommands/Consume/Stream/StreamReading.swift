import AMQP
import Transport

/// What a stream consumer does with each record besides writing it: it drops the records whose
/// filter value was not asked for (the broker filters whole chunks, through a Bloom filter, so
/// other records come too, as RabbitMQ tells clients to expect), and it stops at the end of the
/// slice asked for (`--until-offset`, `--until`).
struct StreamReading: Equatable {
    /// The filter values asked for (`--filter`), or nil to take records whatever their value.
    var filterValues: Set<String>?
    /// Whether records without a filter value are taken too (`--match-unfiltered`).
    var matchUnfiltered = false
    /// The last offset to take; a record after it ends the read and is not taken.
    var lastOffset: Int64?
    /// When the read ends by the clock (`--until` a time not yet come).
    var deadline: Deadline?

    /// What becomes of a record.
    enum Verdict: Equatable {
        /// Handed on (written, or given to a command); `last` when the slice ends with it.
        case take(last: Bool)
        /// Settled without being handed on (another filter value); `last` when the slice ends with it.
        case skip(last: Bool)
        /// Past the slice: the read ends before it.
        case beyond
    }

    /// The header that carries a record's filter value.
    static let filterValueHeader = "x-stream-filter-value"

    /// What becomes of `delivery`.
    func verdict(for delivery: Delivery) -> Verdict {
        let offset = delivery.streamOffset
        if let lastOffset, let offset, offset > lastOffset { return .beyond }
        let last = offset != nil && offset == lastOffset
        guard let filterValues else { return .take(last: last) }
        guard let value = delivery.properties.headers?[Self.filterValueHeader]?.stringValue else {
            return matchUnfiltered ? .take(last: last) : .skip(last: last)
        }
        return filterValues.contains(value) ? .take(last: last) : .skip(last: last)
    }

    /// True when the read has ended by the clock.
    var pastDeadline: Bool { deadline?.hasPassed ?? false }
}
