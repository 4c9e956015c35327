import AMQPWire

/// Publisher-confirm bookkeeping for one channel (RabbitMQ's confirm extension): numbers each
/// published message, matches `basic.ack`, `basic.nack` (single or `multiple`) and `basic.return`
/// to the messages, and reports one `Confirmation` per message. No I/O; unit-tested directly.
///
/// Every message costs two flags; its exchange and routing key are kept once per run of messages
/// published to the same place (a stream of lines is one run), and a return only for the message
/// it matched.
struct ConfirmTracker {
    private struct Slot {
        var settled = false
        var returned = false
    }

    /// Messages from `first` on (until the next run) went to `exchange` with `routingKey`.
    private struct Run {
        let first: UInt64
        let exchange: String
        let routingKey: String
    }

    /// The sequence number of `slots[head]`.
    private var firstSequence: UInt64 = 1
    private var slots: [Slot] = []
    private var head = 0
    /// The runs that cover the slots, oldest first.
    private var runs: [Run] = []
    private var returns: [UInt64: ReturnedMessage] = [:]
    /// How many published messages have no ack or nack yet.
    private(set) var outstanding = 0

    /// The sequence number the next published message will get.
    var nextSequence: UInt64 { firstSequence + UInt64(slots.count - head) }

    /// Records a publish; returns its sequence number.
    mutating func published(exchange: String, routingKey: String) -> UInt64 {
        let sequence = nextSequence
        if let last = runs.last, last.exchange == exchange, last.routingKey == routingKey {
            // The same place as the message before: nothing more to keep.
        } else {
            runs.append(Run(first: sequence, exchange: exchange, routingKey: routingKey))
        }
        slots.append(Slot())
        outstanding += 1
        return sequence
    }

    /// Attaches a return to the oldest unsettled, not yet returned message sent to the same
    /// exchange and routing key (RabbitMQ sends the return before that message's ack).
    mutating func returned(_ message: ReturnedMessage) -> Bool {
        for (index, run) in runs.enumerated()
        where run.exchange == message.exchange && run.routingKey == message.routingKey {
            let end = index + 1 < runs.count ? runs[index + 1].first : nextSequence
            for sequence in max(run.first, firstSequence)..<end {
                let slot = head + Int(sequence - firstSequence)
                guard !slots[slot].settled, !slots[slot].returned else { continue }
                slots[slot].returned = true
                returns[sequence] = message
                return true
            }
        }
        return false
    }

    /// Settles the message `tag` (and with `multiple`, every earlier unsettled one).
    mutating func settle(tag: UInt64, multiple: Bool, acked: Bool) throws(ProtocolViolation) -> [Confirmation] {
        guard tag >= firstSequence, tag < nextSequence else {
            if multiple, tag < firstSequence { return [] }
            throw .unknownConfirm(tag: tag)
        }
        let last = head + Int(tag - firstSequence)
        let first = multiple ? head : last
        var confirmations: [Confirmation] = []
        confirmations.reserveCapacity(last - first + 1)
        for index in first...last where !slots[index].settled {
            slots[index].settled = true
            outstanding -= 1
            let sequence = firstSequence + UInt64(index - head)
            let outcome: Confirmation.Outcome =
                if slots[index].returned, let returned = returns.removeValue(forKey: sequence) {
                    .returned(returned)
                } else {
                    acked ? .acked : .nacked
                }
            confirmations.append(Confirmation(sequence: sequence, outcome: outcome))
        }
        if confirmations.isEmpty, !multiple {
            throw .repeatedConfirm(tag: tag)
        }
        retireSettled()
        return confirmations
    }

    /// Drops the settled messages at the front, and the runs no message needs any more.
    private mutating func retireSettled() {
        while head < slots.count, slots[head].settled {
            head += 1
            firstSequence += 1
        }
        if head == slots.count {
            slots.removeAll(keepingCapacity: true)
            head = 0
            // The last run stays: the next message is likely to go to the same place.
            if runs.count > 1 { runs.removeFirst(runs.count - 1) }
        } else if head >= 1024, head * 2 >= slots.count {
            slots.removeFirst(head)
            head = 0
        }
        var covering = 0
        while covering + 1 < runs.count, runs[covering + 1].first <= firstSequence { covering += 1 }
        if covering > 0 { runs.removeFirst(covering) }
    }
}
