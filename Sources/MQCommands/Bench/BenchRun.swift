import AMQP
import ArgumentParsing
import Transport

/// The producers and consumers of one load test, each with its connection and thread, and the
/// loop that reports on them every interval until the run ends.
final class BenchRun {
    private let parsed: ParsedCommand
    private let control: BenchControl
    private let queues: [String]
    private let producers: [BenchProducer]
    private let consumers: [BenchConsumer]
    private var threads: [BenchThread] = []

    /// Opens a connection for each producer and consumer, and starts the consumers consuming
    /// (no thread runs yet).
    init(
        _ parsed: ParsedCommand, size: Int, queues: [String], candidates: [ConnectionSettings], control: BenchControl,
        invocation: Invocation
    ) throws(Failure) {
        self.parsed = parsed
        self.control = control
        self.queues = queues
        let stream = parsed[Bench.queue] == nil && parsed[Bench.type] == .stream
        let millis = parsed[Bench.useMillis]
        var consumers: [BenchConsumer] = []
        var producers: [BenchProducer] = []
        do throws(Failure) {
            for index in 0..<parsed[Bench.consumers] {
                let plan = BenchConsumer.Plan(
                    queue: queues[index % queues.count], prefetch: parsed[Bench.prefetch],
                    multiAck: parsed[Bench.multiAck],
                    stream: stream, millis: millis)
                consumers.append(try BenchConsumer(plan: plan, invocation, candidates: candidates, control: control))
            }
            for index in 0..<parsed[Bench.producers] {
                let plan = BenchProducer.Plan(
                    queue: queues[index % queues.count], size: size,
                    window: parsed[Bench.confirm] ? parsed[Bench.confirmWindow] : nil, rate: parsed[Bench.rate],
                    count: parsed[Bench.count], persistent: parsed[Bench.persistent], millis: millis)
                producers.append(
                    try BenchProducer(
                        plan: plan, name: "mq-bench-\(index + 1)", invocation, candidates: candidates, control: control)
                )
            }
        } catch {
            for worker in producers.map(\.worker) + consumers.map(\.worker) { worker.link.close() }
            throw error
        }
        self.consumers = consumers
        self.producers = producers
    }

    /// Every producer's and consumer's connection and counts.
    private var workers: [BenchWorker] { producers.map(\.worker) + consumers.map(\.worker) }

    /// Closes every connection.
    func close() {
        for worker in workers { worker.link.close() }
    }

    /// Runs the test: starts the consumers, then the producers, writes a line every interval,
    /// and stops them when the run is over; returns the whole run's figures.
    func measure(admin: BrokerLink, invocation: Invocation) -> BenchSummary {
        for consumer in consumers { threads.append(BenchThread { consumer.run() }) }
        for producer in producers { threads.append(BenchThread { producer.run() }) }
        let start = BenchClock.monotonicNanoseconds
        let interval = parsed[Bench.interval]
        let end = parsed[Bench.duration].map { Deadline.after(seconds: $0) }
        var total = BenchTally()
        var tick = Deadline.after(seconds: interval)
        var last = start
        var completed = false
        // When the time is up, the producers stop first and the consumers take what is still on
        // its way (for at most 5 s): a message a consumer had prefetched is not a gap.
        var draining: Deadline?
        while !control.isStopped {
            // The admin link is serviced (heartbeats) while the workers run, and got back if lost.
            do {
                try admin.connection.pause(until: min(end ?? tick, tick, .after(seconds: 0.05)))
            } catch {
                do throws(Failure) {
                    try admin.recover(from: error)
                } catch {
                    control.fail(error)
                }
            }
            if Signals.pending != nil { control.stop() }
            if draining == nil, end?.hasPassed == true {
                control.stopProducers()
                draining = .after(seconds: 5)
            }
            guard tick.hasPassed || control.isStopped else { continue }
            if isOver(admin.channel, start: start, draining: draining != nil) || draining?.hasPassed == true {
                completed = true
                control.stop()
            }
            let now = BenchClock.monotonicNanoseconds
            var slice = BenchTally()
            take(into: &slice)
            total.add(slice)
            report(
                BenchSummary(total: slice, seconds: Double(now - last) / 1e9), elapsed: Double(now - start) / 1e9,
                invocation)
            last = now
            tick = Deadline.after(seconds: interval)
        }
        for thread in threads { thread.join() }
        take(into: &total)
        let sequences = control.sequenceCounts
        // A run that ended because it was done (its counts, an empty or idle queue) lasted until
        // the last message arrived, not through the quiet second that told it so.
        let ended =
            completed && !consumers.isEmpty ? control.lastArrival(since: start) : BenchClock.monotonicNanoseconds
        return BenchSummary(
            total: total, seconds: Double(ended - start) / 1e9, gaps: sequences.gaps,
            outOfOrder: sequences.outOfOrder, duplicates: sequences.duplicates)
    }

    private func take(into tally: inout BenchTally) {
        for worker in workers { worker.take(into: &tally) }
    }

    /// True when the run has done what it was asked: every producer published its count or was
    /// stopped (and the consumers took what came), or `--exit-when` holds.
    private func isOver(_ monitor: Channel, start: Int64, draining: Bool) -> Bool {
        if draining, producers.isEmpty { return true }
        let idle = control.secondsSinceArrival(start: start) >= 1
        if !producers.isEmpty, producers.allSatisfy({ $0.finished }) {
            return consumers.isEmpty || idle
        }
        switch parsed[Bench.exitWhen] {
        case "idle": return idle
        case "empty":
            guard control.secondsSinceArrival(start: start) >= 0.2 else { return false }
            return queues.allSatisfy { queue in (try? monitor.declareQueue(queue, passive: true))?.messageCount == 0 }
        default: return false
        }
    }

    private func report(_ slice: BenchSummary, elapsed: Double, _ invocation: Invocation) {
        if invocation.json {
            invocation.stdout.write(slice.intervalJSON(elapsed: elapsed).serialized() + "\n")
            try? invocation.stdout.flush()
        } else {
            invocation.note(BenchSummary.fixed(elapsed, places: 1) + " s: " + slice.intervalLine)
        }
    }
}
