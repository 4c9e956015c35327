import AMQP

/// The messages `mq move` has published and the source has not yet been told about, in publish
/// order: each with its delivery, its sequence number at the destination, and what the
/// destination made of it once it said.
///
/// The source is acked only for a prefix of messages the destination acked, so an ack with
/// `multiple` never covers a message the destination still holds or refused.
struct InFlight {
    struct Entry: Hashable {
        /// The message as the source delivered it (its tag is the source channel's).
        let delivery: Delivery
        let sequence: UInt64
        let address: MoveTarget.Address
        var outcome: Confirmation.Outcome?

        var tag: DeliveryTag { delivery.tag }
    }

    private var entries: [Entry] = []
    private var head = 0

    /// Messages published and not yet taken off as settled.
    var count: Int { entries.count - head }

    mutating func published(_ delivery: Delivery, sequence: UInt64, address: MoveTarget.Address) {
        if head > 4096, head * 2 > entries.count {
            entries.removeFirst(head)
            head = 0
        }
        entries.append(Entry(delivery: delivery, sequence: sequence, address: address, outcome: nil))
    }

    /// Records what the destination said of each message.
    mutating func record(_ confirmations: [Confirmation]) {
        guard let first = entries[safe: head]?.sequence else { return }
        for confirmation in confirmations where confirmation.sequence >= first {
            let index = head + Int(confirmation.sequence - first)
            if index < entries.count { entries[index].outcome = confirmation.outcome }
        }
    }

    /// Takes off the oldest messages as long as the destination acked them: the source may ack
    /// up to the last one's tag (nil when none), and how many that is.
    mutating func takeAcked() -> (tag: DeliveryTag, count: Int)? {
        var last: DeliveryTag?
        let start = head
        while head < entries.count, entries[head].outcome == .acked {
            last = entries[head].tag
            head += 1
        }
        return last.map { ($0, head - start) }
    }

    /// The oldest message the destination returned or nacked, if any.
    var firstRefused: Entry? {
        entries[head...].first { entry in entry.outcome.map { $0 != .acked } ?? false }
    }

    /// Takes off every message left: the ones the destination acked (out of order, after one it
    /// refused), the ones it refused, and the ones it has not confirmed.
    mutating func takeAll() -> (acked: [Entry], refused: [Entry], unconfirmed: [Entry]) {
        let left = entries[head...]
        entries.removeAll(keepingCapacity: true)
        head = 0
        return (
            left.filter { $0.outcome == .acked }, left.filter { $0.outcome != nil && $0.outcome != .acked },
            left.filter { $0.outcome == nil }
        )
    }
}

extension Array {
    fileprivate subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
