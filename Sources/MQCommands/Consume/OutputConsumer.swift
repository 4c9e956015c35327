import AMQP
import Transport

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
final class OutputConsumer {
    let link: any MessageLink
    let writer: DeliveryWriter
    /// Which stream records are written, and where the read ends.
    let reading: StreamReading
    let noAck: Bool
    /// Whether the broker delivers again what was not acked when a connection is lost: a queue
    /// consumed with acks. Not a temporary queue (it goes with the connection), not --no-ack,
    /// and not a stream (read again from the offset after the last message written).
    let redeliversAfterLoss: Bool
    /// Settled messages acked together at most (half the prefetch window, so the broker keeps sending).
    let ackBatch: Int
    let progress: ProgressMeter?

    init(
        link: any MessageLink, writer: DeliveryWriter, reading: StreamReading, noAck: Bool, redeliversAfterLoss: Bool,
        ackBatch: Int, progress: ProgressMeter?
    ) {
        self.link = link
        self.writer = writer
        self.reading = reading
        self.noAck = noAck
        self.redeliversAfterLoss = redeliversAfterLoss
        self.ackBatch = ackBatch
        self.progress = progress
    }

    /// How the consumer stopped.
    struct Outcome {
        var written = 0
        var timedOut = false
        /// Times the connection was lost and got back.
        var reconnects = 0
        /// Messages written out and not yet acked when a connection was lost: the broker
        /// delivers them again (marked redelivered), so the reader may see them twice.
        var redelivered = 0
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

    /// The last settled delivery not yet acked, how many settled since the last ack, and when
    /// they are to be acked at the latest; nil when every settled delivery is acked.
    private var pending: (tag: DeliveryTag, count: Int, due: Deadline)?
    private var outcome = Outcome()
    /// Since when mq has been waiting for a message (not for the reader): what --timeout measures.
    private var idleSince = Deadline.now
    /// When the buffered batch must be written out: `settleAfter` after the last message,
    /// `settleWithin` after the first, whichever comes first.
    private var flushDue = Deadline.distantFuture
    /// `settleWithin` after the first message of the buffered batch.
    private var batchDue = Deadline.distantFuture
    /// The stream read reached the end of its slice (`--until-offset`, `--until`).
    private var sliceEnded = false
    private var output: OutputStream { writer.output }

    /// Consumes until `limit` messages were written (and settled), the stream's slice ended,
    /// `idle` passed with none, a signal came, or the reader went away; through lost
    /// connections, as the link allows.
    func run(limit: Int?, idle: Double?) throws(Failure) -> Outcome {
        defer { progress?.finish(outcome.written) }
        link.onReconnect { [unowned self] in resumeAfterReconnect() }
        defer { link.onReconnect(nil) }
        idleSince = .now
        try link.retrying {
            try consume(limit: limit, idle: idle)
            try finish()
        }
        return outcome
    }

    /// After a reconnect: nothing of the lost channel is acked. From a queue consumed with acks,
    /// what was written and not acked comes again (counted), and what was not written out yet is
    /// dropped (it comes again too); a stream resumes after the last message written out (what
    /// was not is dropped and read again); from a temporary queue or with --no-ack nothing comes
    /// again, and what was received is written out.
    private func resumeAfterReconnect() -> String? {
        let stream = writer.resumeStreamOffset != nil
        let (unsettled, dropped) = writer.forgetUnsettled(dropBatch: redeliversAfterLoss || stream)
        // Settled and not acked yet, or written and not settled: the reader may have them.
        let again = redeliversAfterLoss && !stream ? unsettled + (pending?.count ?? 0) : 0
        pending = nil
        flushDue = .distantFuture
        batchDue = .distantFuture
        idleSince = .now
        outcome.written -= dropped
        outcome.reconnects += 1
        outcome.redelivered += again
        guard again > 0 else { return nil }
        return "\(again) messages written and not yet acked will come again (marked redelivered)"
    }

    private func consume(limit: Int?, idle: Double?) throws {
        while !output.readerGone, Signals.pending == nil {
            let now = Deadline.now
            try acknowledgeSettled(at: now)
            if reading.pastDeadline { sliceEnded = true }
            let allReceived = sliceEnded || limit.map { outcome.written - outcome.redelivered >= $0 } ?? false
            let behind = writer.readerIsBehind()
            if writer.inBatch > 0, !behind,
                writer.batchFull || allReceived || output.pendingCount >= 256 * 1024 || now >= flushDue
            {
                try writer.flush()
                continue
            }
            if allReceived {
                if writer.unsettledCount == 0 { break }
                try writer.waitForReader(until: writer.nextReaderCheck())
                continue
            }
            // Wake for what is due first: the batch's write, an ack, a look at the reader, the
            // idle timeout, and at least every 0.25 s to see a signal.
            var wake = writer.inBatch > 0 ? flushDue : now.adding(seconds: 0.25)
            if let due = pending?.due { wake = min(wake, due) }
            if behind { wake = min(wake, writer.nextReaderCheck()) }
            if let idle, writer.inBatch == 0 { wake = min(wake, idleSince.adding(seconds: idle)) }
            if let deadline = reading.deadline { wake = min(wake, deadline) }
            if writer.batchFull {
                // The reader has not taken the last batch: the next one waits for it.
                try writer.waitForReader(until: wake)
                idleSince = .now
                continue
            }
            guard let message = try link.nextMessage(until: wake, watching: output) else {
                if let idle, writer.inBatch == 0, idleSince.adding(seconds: idle).hasPassed {
                    outcome.timedOut = true
                    break
                }
                continue
            }
            switch reading.verdict(for: message.delivery) {
            case .beyond:
                sliceEnded = true
                continue
            case .skip(let last):
                writer.skip(message.delivery)
                sliceEnded = last
                continue
            case .take(let last): sliceEnded = last
            }
            idleSince = .now
            if writer.inBatch == 0 { batchDue = idleSince.adding(seconds: Self.settleWithin) }
            flushDue = min(idleSince.adding(seconds: Self.settleAfter), batchDue)
            writer.write(message)
            outcome.written += 1
            progress?.update(outcome.written)
        }
    }

    /// The end: the reader gets time to take what is in the pipe (all it needs after an idle
    /// timeout, at most `drainAfterSignal` after a signal), and what it took is acked. What is
    /// buffered and not written goes back to the queue.
    private func finish() throws {
        let deadline = Signals.pending == nil ? Deadline.distantFuture : .after(seconds: Self.drainAfterSignal)
        while !output.readerGone, writer.awaitsReader, !deadline.hasPassed {
            try acknowledgeSettled(at: .now)
            try writer.waitForReader(until: min(deadline, writer.nextReaderCheck()))
        }
        try acknowledgeSettled(at: .now, regardless: true)
    }

    /// Acks the settled messages when it is time at `now` (see the type's notes), or `regardless`.
    private func acknowledgeSettled(at now: Deadline, regardless: Bool = false) throws {
        if let settled = writer.takeSettled() {
            let earlier = pending ?? (settled.tag, 0, now.adding(seconds: Self.settleWithin))
            pending = (settled.tag, earlier.count + settled.count, earlier.due)
        }
        guard let (tag, count, due) = pending else { return }
        guard regardless || !writer.awaitsReader || count >= ackBatch || now >= due else { return }
        if !noAck { try link.accept(upTo: tag) }
        pending = nil
    }
}
