import AMQP
import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// Writes deliveries to the output and says which of them are settled, that is may be
/// acknowledged: into a pipe or a socket, once the reader has taken all of a message's bytes out
/// of it; into a terminal or another file, once written; into a regular file with `--sync`, once
/// written and synced.
///
/// Into a pipe or a socket it also paces the writes: a batch goes out only after the reader has
/// taken the one before, starting with one message and doubling after each full batch taken, up
/// to `largestBatch`, so that a reader that stops early (`| head -n 10`) holds in its own buffer
/// at most the last batch it read, while a fast reader gets full batches after a few round trips.
final class DeliveryWriter {
    let output: OutputStream
    /// The connection kept serviced while mq waits for the reader.
    private let link: any ServicedWait
    private let format: MessageFormat
    private let sync: Bool
    private let paced: Bool
    private let largestBatch: Int
    /// How many messages the batch being written may hold.
    private(set) var batchSize: Int
    /// Messages in the batch being written (buffered, not flushed).
    private(set) var inBatch = 0
    /// Whether the batch last written out was full: only then may the next one be larger, so
    /// that a reader that stops early holds at most one batch the size of all before it.
    private var lastBatchFull = false
    /// `output.bytesWritten` when the reader was last seen to have taken everything.
    private var takenAll = 0
    /// Written (or skipped) deliveries not yet settled, oldest first: each tag with the byte
    /// offset where its output ends, and its stream offset.
    private var unsettled: [(tag: DeliveryTag, end: Int, streamOffset: Int64?)] = []
    /// The index of the oldest entry of `unsettled` still held.
    private var oldest = 0
    /// How long the next wait for the reader sleeps; grows while the reader takes nothing.
    private var readerPoll = DeliveryWriter.firstReaderPoll
    /// What the reader had taken at the last `nextReaderCheck`.
    private var takenAtLastCheck = 0
    /// The stream offset (`x-stream-offset`) of the last message in the batch being written.
    private var batchStreamOffset: Int64?
    /// The stream offset after the last message written out: where a stream consumer resumes
    /// after a reconnect, so that nothing is written twice or skipped. Nil before any.
    private(set) var resumeStreamOffset: Int64?
    /// The stream offset after the last message settled (taken by the reader, or skipped after
    /// those it took): where the next run starts (`--offset-file`). Nil before any.
    private(set) var takenStreamOffset: Int64?

    /// - Parameters:
    ///   - paced: pace the writes to the reader (when the output is a pipe or a socket).
    ///   - sync: sync a regular file after each batch, before its messages are settled.
    init(
        output: OutputStream, link: any ServicedWait, format: MessageFormat, largestBatch: Int, paced: Bool,
        sync: Bool
    ) {
        self.output = output
        self.link = link
        self.format = format
        self.largestBatch = max(1, largestBatch)
        self.paced = paced && output.seesReader
        self.sync = sync
        batchSize = self.paced ? 1 : self.largestBatch
        // A write into a full pipe waits with the connection serviced, however slow the reader.
        output.waitForRoom = { descriptor throws(Failure) in try link.waitForRoom(in: descriptor) }
    }

    deinit { output.waitForRoom = nil }

    /// Buffers a delivery's output as part of the current batch.
    func write(_ delivery: Delivery) { write(ReceivedMessage(delivery)) }

    /// Buffers a message's output as part of the current batch.
    func write(_ message: ReceivedMessage) {
        let delivery = message.delivery
        format.write(message, to: output)
        inBatch += 1
        if let offset = delivery.streamOffset { batchStreamOffset = offset }
        unsettled.append((delivery.tag, output.bytesWritten + output.pendingCount, delivery.streamOffset))
    }

    /// Settles `delivery` without writing it (a record the filter drops) once the reader has
    /// taken what was written before it.
    func skip(_ delivery: Delivery) {
        unsettled.append((delivery.tag, output.bytesWritten + output.pendingCount, delivery.streamOffset))
    }

    /// True when the current batch holds as many messages as it may.
    var batchFull: Bool { inBatch >= batchSize }

    /// Messages written (or buffered) and not yet settled.
    var unsettledCount: Int { unsettled.count - oldest }

    /// True when messages were written out (or skipped) that are not settled yet.
    var awaitsReader: Bool { unsettledCount > inBatch }

    /// Writes out the batch and, with `--sync`, syncs it; a reader that has gone away shows as
    /// `output.readerGone`.
    func flush() throws(Failure) {
        try output.flush()
        if sync { try output.synchronize() }
        lastBatchFull = batchFull
        if paced, largestBatch == 1 { awaitQuickReader() }
        inBatch = 0
        if let offset = batchStreamOffset { resumeStreamOffset = offset + 1 }
        batchStreamOffset = nil
        readerPoll = Self.firstReaderPoll
    }

    /// Written one record at a time, lets the reader take it before mq sleeps in poll (whose
    /// resolution is a millisecond, a thousand times what a reader blocked in read takes): for
    /// at most `quickReader`, yielding the processor.
    private func awaitQuickReader() {
        let end = Deadline.after(seconds: Self.quickReader)
        while !output.readerGone, output.bytesTaken < output.bytesWritten, !end.hasPassed { sched_yield() }
    }

    /// True while the reader has not taken everything written yet, so that the next batch must
    /// wait; each time it has caught up, the next batch may hold twice as many messages.
    func readerIsBehind() -> Bool {
        guard paced, !output.readerGone, output.bytesWritten > takenAll else { return false }
        guard output.bytesTaken >= output.bytesWritten else { return true }
        takenAll = output.bytesWritten
        if lastBatchFull {
            batchSize = batchSize > largestBatch / 2 ? largestBatch : batchSize * 2  // get --count may be Int64.max
        }
        return false
    }

    /// The deliveries settled since the last call: the last one's tag, and how many.
    func takeSettled() -> (tag: DeliveryTag, count: Int)? {
        guard awaitsReader else { return nil }
        let taken = output.bytesTaken
        let first = oldest
        while oldest < unsettled.count, unsettled[oldest].end <= taken {
            if let offset = unsettled[oldest].streamOffset { takenStreamOffset = offset + 1 }
            oldest += 1
        }
        guard oldest > first else { return nil }
        let settled = (tag: unsettled[oldest - 1].tag, count: oldest - first)
        if oldest == unsettled.count {
            unsettled.removeAll(keepingCapacity: true)
            oldest = 0
        } else if oldest >= 4096 {
            unsettled.removeFirst(oldest)
            oldest = 0
        }
        return settled
    }

    /// When to look again whether a reader that is behind has caught up: soon while it keeps
    /// taking bytes (so that a fast reader finds the next batch waiting), twice as long each time
    /// it took nothing, up to `lastReaderPoll` (a reader that stopped costs little).
    func nextReaderCheck() -> Deadline {
        if output.lastSeenTaken > takenAtLastCheck {
            takenAtLastCheck = output.lastSeenTaken
            readerPoll = Self.firstReaderPoll
        }
        defer { readerPoll = min(readerPoll * 2, Self.lastReaderPoll) }
        return .after(seconds: readerPoll)
    }

    /// Keeps the connection serviced until `deadline`, or until the reader leaves (then
    /// `output.readerGone`).
    func waitForReader(until deadline: Deadline) throws(Failure) {
        guard output.watchesReader else { return try link.service(until: deadline) }
        if let revents = try link.service(until: deadline, watching: output.descriptor, events: 0) {
            _ = output.readerLeft(revents: revents)
        }
    }

    /// After a reconnect: forgets every delivery not settled, whose tags belong to the lost
    /// channel, and drops the batch not written out yet when the broker gives its messages
    /// again (`dropBatch`; else it is written out as it is). How many of the forgotten were
    /// written out, and how many were dropped.
    func forgetUnsettled(dropBatch: Bool) -> (writtenOut: Int, dropped: Int) {
        let forgotten = (writtenOut: unsettledCount - inBatch, dropped: dropBatch ? inBatch : 0)
        if dropBatch {
            output.discardPending()
            inBatch = 0
            batchStreamOffset = nil
        }
        unsettled.removeAll(keepingCapacity: true)
        oldest = 0
        return forgotten
    }

    /// Writes out what is buffered and waits until the reader has taken everything (or left).
    func drain() throws(Failure) {
        try flush()
        while !output.readerGone, output.bytesTaken < output.bytesWritten {
            try waitForReader(until: nextReaderCheck())
        }
    }

    /// The first look at a reader after a batch went out or after it took bytes, in seconds
    /// (poll's resolution is a millisecond).
    static let firstReaderPoll = 0.001
    /// How long a writer of one record at a time waits for a quick reader before it sleeps, in seconds.
    static let quickReader = 0.0002
    /// The longest between two looks at a reader that is behind, in seconds.
    static let lastReaderPoll = 0.02
}
