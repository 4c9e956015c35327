import AMQPWire

/// Publisher-confirm bookkeeping for one channel (RabbitMQ's confirm extension): numbers each
/// published message, matches `basic.ack`, `basic.nack` (single or `multiple`) and `basic.return`
/// to the messages, and reports one `Confirmation` per message. No I/O; unit-tested directly.
struct ConfirmTracker {
    private struct Slot {
        var exchange: String
        var routingKey: String
        var returned: ReturnedMessage?
        var settled = false
    }

    /// The sequence number of `slots[head]`.
    private var firstSequence: UInt64 = 1
    private var slots: [Slot] = []
    private var head = 0
    /// How many published messages have no ack or nack yet.
    private(set) var outstanding = 0

    /// The sequence number the next published message will get.
    var nextSequence: UInt64 { firstSequence + UInt64(slots.count - head) }

    /// Records a publish; returns its sequence number.
    mutating func published(exchange: String, routingKey: String) -> UInt64 {
        let sequence = nextSequence
        slots.append(Slot(exchange: exchange, routingKey: routingKey))
        outstanding += 1
        return sequence
    }

    /// Attaches a return to the oldest unsettled, not yet returned message sent to the same
    /// exchange and routing key (RabbitMQ sends the return before that message's ack).
    mutating func returned(_ message: ReturnedMessage) -> Bool {
        for index in head..<slots.count
        where !slots[index].settled && slots[index].returned == nil
            && slots[index].exchange == message.exchange && slots[index].routingKey == message.routingKey
        {
            slots[index].returned = message
            return true
        }
        return false
    }

    /// Settles the message `tag` (and with `multiple`, every earlier unsettled one).
    mutating func settle(tag: UInt64, multiple: Bool, acked: Bool) throws(AMQPError) -> [Confirmation] {
        guard tag >= firstSequence, tag < nextSequence else {
            if multiple, tag < firstSequence { return [] }
            throw .protocolViolation("the broker confirmed delivery tag \(tag), which was never published")
        }
        let last = head + Int(tag - firstSequence)
        var confirmations: [Confirmation] = []
        confirmations.reserveCapacity(multiple ? last - head + 1 : 1)
        for index in (multiple ? head : last)...last where !slots[index].settled {
            slots[index].settled = true
            outstanding -= 1
            let outcome: Confirmation.Outcome =
                if let returned = slots[index].returned { .returned(returned) } else { acked ? .acked : .nacked }
            confirmations.append(Confirmation(sequence: firstSequence + UInt64(index - head), outcome: outcome))
        }
        if confirmations.isEmpty, !multiple {
            throw .protocolViolation("the broker confirmed delivery tag \(tag) twice")
        }
        while head < slots.count, slots[head].settled {
            head += 1
            firstSequence += 1
        }
        if head == slots.count {
            slots.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 1024, head * 2 >= slots.count {
            slots.removeFirst(head)
            head = 0
        }
        return confirmations
    }
}
