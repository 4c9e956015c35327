import AMQP

#if canImport(Glibc)
    import Glibc
#endif

/// `consume` without `--exec`: writes each message to the output and acknowledges it once it is
/// settled there (see `DeliveryWriter`: taken by the reader of a pipe or socket, written to a
/// terminal or a file, synced with `--sync`).
///
/// Acks are batched (`multiple`): they go out when the reader has taken everything written, when
/// half the prefetch window is settled, or when the oldest settled message has waited
/// `settleWithin`.
struct OutputConsumer {
    let channel: Channel
    let writer: DeliveryWriter
    let noAck: Bool
    /// Settled messages acked together at most (half the prefetch window, so the broker keeps sending).
    let ackBatch: Int
    let progress: ProgressMeter?

    /// How the consumer stopped.
    struct Outcome {
        var written = 0
        var timedOut = false
    }

    /// How long the stream may pause before a batch is written out: short enough that a reader
    /// sees each message at once, long enough that a busy stream goes out in batches rather than
    /// whenever the broker is a moment behind.
    static let settleAfter = 0.01

    /// The longest a message waits to be written out, or a settled one to be acked, while
    /// messages keep coming closer together than `settleAfter`.
    static let settleWithin = 0.1

    /// After a signal, how long the reader may take to empty the pipe before mq exits (what it
    /// has not taken by then goes back to the queue).
    static let drainAfterSignal = 1.0

    /// The last settled delivery not yet acked, how many settled since the last ack, and since when.
    private final class PendingAck {
        var tag: UInt64?
        var count = 0
        var since = Deadline.now
    }

    private let pending = PendingAck()
    private var output: OutputStream { writer.output }
    private var connection: Connection { channel.connection }

    /// Consumes until `limit` messages were written (and settled), `idle` passed with none, a
    /// signal came, or the reader went away.
    func run(limit: Int?, idle: Double?) throws(Failure) -> Outcome {
        var outcome = Outcome()
        defer { progress?.finish(outcome.written) }
        var lastArrival = Deadline.now
        var oldestBuffered = lastArrival
        /// Since when mq has been waiting for a message (not for the reader): what --timeout measures.
        var idleSince = lastArrival
        try reportingFailures { () throws in
            while !output.readerGone, Signals.pending == nil {
                try acknowledgeSettled()
                let allReceived = limit.map { outcome.written >= $0 } ?? false
                let behind = writer.readerIsBehind()
                if writer.inBatch > 0, !behind,
                    writer.batchFull || allReceived || output.pendingCount >= 256 * 1024
                        || lastArrival.adding(seconds: Self.settleAfter).hasPassed
                        || oldestBuffered.adding(seconds: Self.settleWithin).hasPassed
                {
                    try writer.flush()
                    continue
                }
                if allReceived {
                    if writer.unsettledCount == 0 { break }
                    try writer.waitForReader(until: writer.nextReaderCheck())
                    continue
                }
                var wake = Deadline.after(seconds: 0.25)
                if let idle { wake = min(wake, idleSince.adding(seconds: idle)) }
                if writer.inBatch > 0 {
                    wake = min(wake, lastArrival.adding(seconds: Self.settleAfter), oldestBuffered.adding(seconds: Self.settleWithin))
                }
                if pending.tag != nil { wake = min(wake, pending.since.adding(seconds: Self.settleWithin)) }
                if behind { wake = min(wake, writer.nextReaderCheck()) }
                if writer.batchFull {
                    // The reader has not taken the last batch: the next one waits for it.
                    try writer.waitForReader(until: wake)
                    idleSince = .now
                    continue
                }
                guard let delivery = try nextDelivery(until: wake) else {
                    if let idle, writer.inBatch == 0, idleSince.adding(seconds: idle).hasPassed {
                        outcome.timedOut = true
                        break
                    }
                    continue
                }
                lastArrival = .now
                idleSince = lastArrival
                if writer.inBatch == 0 { oldestBuffered = lastArrival }
                writer.write(delivery)
                outcome.written += 1
                progress?.update(outcome.written)
            }
            try finish()
        }
        return outcome
    }

    /// The end: the reader gets time to take what is in the pipe (all it needs after an idle
    /// timeout, at most `drainAfterSignal` after a signal), and what it took is acked. What is
    /// buffered and not written goes back to the queue.
    private func finish() throws {
        let deadline = Signals.pending == nil ? Deadline.distantFuture : .after(seconds: Self.drainAfterSignal)
        while !output.readerGone, writer.awaitsReader, !deadline.hasPassed {
            try acknowledgeSettled()
            try writer.waitForReader(until: min(deadline, writer.nextReaderCheck()))
        }
        try acknowledgeSettled(now: true)
    }

    /// Acks the settled messages when it is time (see the type's notes), or `now`.
    private func acknowledgeSettled(now: Bool = false) throws {
        if let settled = writer.takeSettled() {
            if pending.tag == nil { pending.since = .now }
            pending.tag = settled.tag
            pending.count += settled.count
        }
        guard let tag = pending.tag else { return }
        guard now || !writer.awaitsReader || pending.count >= ackBatch
            || pending.since.adding(seconds: Self.settleWithin).hasPassed
        else { return }
        if !noAck {
            try channel.ack(deliveryTag: tag, multiple: true)
            try connection.flush()
        }
        pending.tag = nil
        pending.count = 0
    }

    /// The next delivery before `deadline`, watching the output for a reader that leaves.
    private func nextDelivery(until deadline: Deadline) throws -> Delivery? {
        guard output.watchesReader else { return try channel.nextDelivery(deadline: deadline) }
        switch try channel.nextDelivery(deadline: deadline, watching: output.descriptor, events: 0) {
        case .delivery(let delivery): return delivery
        case .descriptor(let revents):
            _ = output.readerLeft(revents: revents)
            return nil
        case .timedOut: return nil
        }
    }
}
