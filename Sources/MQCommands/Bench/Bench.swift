import AMQP
import AMQPWire
import ArgumentParsing
import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// `mq bench`: a load test, producers and consumers in one process, each on its own connection,
/// with latency percentiles, a JSON summary and thresholds that set the exit status.
enum Bench {
    /// The queue types a load test declares.
    enum QueueType: String, CaseIterable, Sendable {
        case classic, quorum, stream
    }

    static let producers = Option<Int>.integer(
        "producers", range: 0...1000, default: 1, help: "producers, each on its own connection")
    static let consumers = Option<Int>.integer(
        "consumers", range: 0...1000, default: 1, help: "consumers, each on its own connection")
    static let size = Option<ByteSize?>.decoded(
        "size", valueName: "SIZE",
        help: "message body size, at least 12 bytes (the stamp; the default): 100, 1KiB, 1MiB")
    static let rate = Option<Rate?>.decoded("rate", valueName: "N/s", help: "publish at most this fast, per producer")
    static let confirm = Option<Bool>.flag(
        "confirm", default: true, negatable: true, help: "publish with confirms (--no-confirm: fire and forget)")
    static let confirmWindow = Option<Int>.integer(
        "confirm-window", range: 1...65535, default: 1000, help: "most messages awaiting a confirm, per producer")
    static let prefetch = Option<Int>.integer(
        "prefetch", range: 1...65535, default: 1000, help: "most unacknowledged messages, per consumer")
    static let multiAck = Option<Int>.integer(
        "multi-ack", range: 1...65535, default: 1, help: "acknowledge every N messages at once")
    static let persistent = Option<Bool>.flag("persistent", help: "delivery-mode 2: written to disk by durable queues")
    static let type = Option<QueueType>.choice(
        "type", valueName: "TYPE", default: .classic, help: "classic, quorum or stream")
    static let queues = Option<Int>.integer(
        "queues", range: 1...1000, default: 1, help: "fresh queues to spread the clients over")
    static let queue = Option<String?>.text(
        "queue", value: OptionSpecs.queueName, valueName: "QUEUE",
        help: "use this existing queue (left as it is) instead of fresh ones")
    static let duration = Option<Double?>.duration("duration", help: "stop after this long")
    static let count = Option<Int?>.integer(
        "count", range: 1...Int64(Int32.max), help: "messages per producer, then stop")
    static let exitWhen = Option<String?>.text(
        "exit-when", value: .choice(["empty", "idle"]), valueName: "WHEN",
        help: "empty: stop when the queue is empty; idle: when no message came for a second")
    static let interval = Option<Double>.duration(
        "interval", default: "1s", help: "how often a line of figures is written")
    static let useMillis = Option<Bool>.flag(
        "use-millis", help: "stamp milliseconds, not nanoseconds (PerfTest's layout for clients on other hosts)")

    static let spec = Command(
        "bench", summary: "Load test: producers and consumers, latency percentiles, thresholds for CI",
        discussion: """
            Runs producers and consumers in one process, each on its own connection, against fresh \
            queues it declares and deletes at the end (or --queue, an existing one it leaves as it \
            is), until --duration, --count messages per producer, --exit-when, or Ctrl-C. Each \
            message starts with a 12-byte stamp in PerfTest's and omq's layout (a 32-bit sequence \
            number, then a 64-bit send time, big-endian), so mq bench reads their messages and they \
            read its. Every --interval a line of figures goes to stderr (with --json, an object to \
            stdout): rates, end-to-end latency and confirm latency. At the end a summary: totals, \
            the latency percentiles, and what went missing (sequence gaps per producer), out of \
            order or twice. With --max-p50, --max-p99, --min-rate or --max-lost, mq exits 4 when a \
            limit was missed, naming each on stderr; the summary is printed either way.
            """,
        options: [
            producers, consumers, size, rate, confirm, confirmWindow, prefetch, multiAck, persistent, type, queues,
            queue,
            duration, count, exitWhen, interval, useMillis,
        ],
        groups: [BenchThresholds.group],
        examples: [
            "mq bench --duration 30s",
            "mq bench --producers 4 --consumers 4 --size 1KiB --type quorum --persistent --duration 1m",
            "mq bench --rate 2000/s --duration 20s --max-p99 20ms --min-rate 1900/s",
            "mq bench --queue orders --producers 0 --consumers 2 --exit-when empty",
            "mq bench --json --duration 10s | tail -n 1 | jq .latency.p99_ms",
        ],
        rules: [
            .exclusive(queue, type, message: "--type is for fresh queues; --queue names an existing one"),
            .exclusive(queue, queues, message: "--queues is for fresh queues; --queue names an existing one"),
            .needs(
                confirmWindow, confirm, message: "--confirm-window needs confirms: with --no-confirm none is awaited"),
        ],
        action: CommandHandler(run))

    static func run(_ invocation: Invocation) throws(Failure) {
        let parsed = invocation.parsed
        let size = Int(parsed[Self.size]?.bytes ?? Int64(BenchPayload.size))
        guard size >= BenchPayload.size else {
            throw Failure(
                .usage(
                    .badValue(
                        option: "size", value: parsed.value("size") ?? "", problem: "is below 12 bytes (the stamp)")))
        }
        guard parsed[producers] + parsed[consumers] > 0 else {
            throw Failure(
                .usage(.badValue(option: "producers", value: "0", problem: "and --consumers 0 leave nothing to run")))
        }
        if let when = parsed[exitWhen], parsed[consumers] == 0 {
            throw Failure(
                .usage(.badValue(option: "exit-when", value: when, problem: "needs a consumer (--consumers 0)")))
        }
        let candidates = try GlobalOptions.connectionCandidates(parsed)
        // The link that declares and deletes the queues, and watches them for --exit-when.
        let admin = try BrokerLink(invocation, candidates: candidates)
        defer { admin.close() }
        let names = try BenchQueues.prepare(parsed, channel: admin.channel, invocation: invocation)
        defer { if parsed[queue] == nil { BenchQueues.delete(names, channel: admin.channel, invocation: invocation) } }
        let control = BenchControl()
        let run = try BenchRun(
            parsed, size: size, queues: names, candidates: candidates, control: control, invocation: invocation)
        defer { run.close() }
        Signals.install()
        let summary = run.measure(admin: admin, invocation: invocation)
        if invocation.json {
            try invocation.emit(text: "", json: summary.json)
        } else if !invocation.quiet {
            invocation.stdout.write(summary.text + "\n")
            try invocation.stdout.flush()
        }
        if let signal = Signals.pending { throw Failure(.signal(signal)) }
        if let failure = control.failure { throw failure }
        let misses = BenchThresholds.missed(by: summary, parsed)
        for miss in misses.dropLast() { invocation.note(Failure(.missed(miss)).message) }
        if let last = misses.last { throw Failure(.missed(last)) }
    }
}
