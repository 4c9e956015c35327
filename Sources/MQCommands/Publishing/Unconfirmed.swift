import AMQP

/// The messages published on the current channel that the broker has not confirmed yet, by
/// sequence number, so that they can be published again on a new channel after the connection
/// was lost. Holding a message costs a reference (its body and envelope are shared), and there
/// are never more than the confirm window.
struct Unconfirmed<Message> {
    /// The sequence number of `messages[head]`.
    private var firstSequence: UInt64 = 1
    /// Each message from `head` on, nil once confirmed (and not yet dropped from the front).
    private var messages: [Message?] = []
    private var head = 0
    /// How many messages await a confirmation.
    private(set) var count = 0

    /// Records a message published with sequence number `sequence` (the next one in order).
    mutating func published(_ message: Message, sequence: UInt64) {
        precondition(sequence == firstSequence + UInt64(messages.count - head), "sequence numbers come in order")
        messages.append(message)
        count += 1
    }

    /// Drops the messages the broker settled (acked, nacked or returned: none is sent again).
    mutating func settle(_ confirmations: [Confirmation]) {
        for confirmation in confirmations where confirmation.sequence >= firstSequence {
            let index = head + Int(confirmation.sequence - firstSequence)
            guard index < messages.count, messages[index] != nil else { continue }
            messages[index] = nil
            count -= 1
        }
        while head < messages.count, messages[head] == nil {
            head += 1
            firstSequence += 1
        }
        if head == messages.count {
            messages.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 1024, head * 2 >= messages.count {
            messages.removeFirst(head)
            head = 0
        }
    }

    /// Takes every unconfirmed message, oldest first, to publish on a new channel whose
    /// sequence numbers start again at 1.
    mutating func takeAll() -> [Message] {
        let taken = messages[head...].compactMap { $0 }
        messages.removeAll(keepingCapacity: true)
        head = 0
        firstSequence = 1
        count = 0
        return taken
    }
}
