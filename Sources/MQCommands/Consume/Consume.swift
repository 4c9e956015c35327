import AMQP
import AMQPWire
import ArgumentParsing
import JSON

/// `mq consume QUEUE`: writes messages to stdout, acking each only after it was written.
enum Consume {
    static let queue = Argument<String?>.optional(
        "QUEUE", value: OptionSpecs.queueName, help: "the queue (omit with --exchange)")

    static let spec = Command(
        "consume", summary: "Write messages from a queue to standard output, acking each once the reader has it",
        discussion: """
            Each message is acknowledged only after its output was taken (at least once: nothing \
            is lost): into a pipe or a socket, once the reader has read all of its bytes out of \
            it; into a terminal or a file, once written (with --sync, a regular file is also \
            synced, a batch at a time). Into a pipe or a socket mq writes in batches that start at \
            one message and double each time the reader has emptied it, so a reader that stops \
            early (| head -n 10) can have read into its own buffer, and not printed, at most the \
            last batch. mq notices at once when the reader goes away, and stops; every message not \
            taken goes back to the queue. With --exchange, mq consumes through a temporary queue \
            bound to that exchange, to watch its traffic. Ctrl-C or SIGTERM stops after the \
            message being written (exit 130/143), after giving the reader a second to take what \
            is in the pipe.

            --template TEXT (for consume, get and request) writes each message as TEXT, with \
            {body}, {body_base64}, {exchange}, {routing_key}, {redelivered}, {delivery_tag}, \
            {queue}, {properties.NAME} (the names --format json uses: message_id, \
            correlation_id, timestamp, ...; headers for the whole table as JSON) and \
            {headers.NAME} (a string as it is, other types as JSON) in it; an absent property or \
            header is empty. \\n, \\t, \\\\, {{ and }} write a newline, a tab, a backslash and \
            braces. Nothing is added after a message: end TEXT with \\n for lines. It is \
            written and acknowledged as --format is.

            With --exec, each message runs COMMAND with the body on its stdin and MQ_EXCHANGE, \
            MQ_ROUTING_KEY, MQ_REDELIVERED, MQ_DELIVERY_TAG, MQ_QUEUE, MQ_CONTENT_TYPE, \
            MQ_CORRELATION_ID, MQ_REPLY_TO, MQ_MESSAGE_ID, MQ_TIMESTAMP, MQ_TYPE, MQ_APP_ID, ... and \
            MQ_HEADER_<NAME> per header in its environment. What happens to the message follows \
            COMMAND's exit status: ack (it is done), requeue (back to the queue after a second, to \
            be tried again), reject (dead-lettered, or dropped when the queue has no \
            dead-letter exchange) or stop (back to the queue at once, and mq stops consuming). \
            By default 0 acks and any other status requeues; --on-failure ACTION sets the action \
            for every non-zero status, and --exit-action CODE=ACTION (repeatable) for one status, \
            or with CODE * for every non-zero status not named. The first that applies wins: a \
            status named by --exit-action, then *, then --on-failure, then ack for 0 (so * never \
            covers 0; 0=ACTION does). A script asks for a retry by its status: with \
            --exit-action 75=requeue --exit-action '*=reject', exit 75 (EX_TEMPFAIL) puts the \
            message back and any other failure dead-letters it. A command whose status maps to \
            ack counts as succeeded; mq exits 1 ("N of M commands failed") when any status \
            mapped to requeue, reject or stop.

            A stream queue is read from --offset (the broker's forms: first, last, next, an \
            offset, a time or an age), each record carrying its offset ({offset}, offset in \
            JSON). --offset-file PATH starts at the offset saved there and, however the run ends, \
            saves the offset after the last record the reader took (into a pipe or a socket, \
            records then go one at a time, each once the reader took the one before), so the \
            next run resumes exactly, also after | head -n 3. --until-offset N stops after offset N, --until TIME before the first record \
            the broker placed at or after TIME (asked of the broker at the start; with no such \
            record yet, at the stream's last record; a time to come ends the read then), exit 0. \
            --filter VALUE asks the broker (3.13 and later; an older one is refused, exit 1) for \
            records published with that filter value, and mq drops the others the broker's \
            chunk filter lets through.
            """,
        arguments: [queue],
        options: [
            OptionSpecs.format, OptionSpecs.template, count, timeout, prefetch, noAck, OptionSpecs.sync, exchange, keys,
            exec, exitActions, onFailure, concurrency, reply,
        ],
        groups: [StreamOptions.group],
        examples: [
            "mq consume orders --count 1",
            "mq consume orders --format json --timeout 5s | jq .body",
            "mq consume orders --template '{routing_key}\\t{properties.message_id}\\t{body}\\n'",
            "mq consume --exchange events --key 'orders.#'",
            "mq consume --exchange logs --key 'kern.*' --key '*.critical'",
            "mq consume jobs --exec './handle.sh' --concurrency 4 --on-failure reject",
            "mq consume jobs --exec ./handle.sh --exit-action 75=requeue --exit-action '*=reject'",
            "mq consume rpc --exec 'tr a-z A-Z' --reply",
            "mq consume events-stream --offset first --count 10",
            "mq consume events-stream --offset-file events.offset --timeout 5s",
            "mq consume events-stream --offset 2h --until 1h --filter eu --format json",
        ],
        rules: [
            .exclusive(
                exec, noAck, message: "--exec acks by the command's exit status; it cannot be combined with --no-ack"),
            .needs(reply, exec),
            .needs(exitActions, exec),
            .oneOf([.init(queue), .init(exchange)], message: "consume needs a QUEUE or --exchange"),
            .exclusive(
                exchange, StreamOptions.until,
                message: "--until reads a stream queue; --exchange consumes through a temporary queue"),
        ] + OptionSpecs.formatRules,
        action: CommandHandler(run))

    static let count = Option<Int?>.integer("count", short: "n", range: 1...Int64.max, help: "stop after N messages")
    static let timeout = Option<Double?>.duration(
        "timeout", short: "t", help: "stop when no message came for this long (exit 3 if fewer than --count arrived)")
    static let prefetch = Option<Int>.integer(
        "prefetch", range: 1...65535, default: 1000,
        help:
            "most unacknowledged messages in flight, so the most redelivered after a crash (never more than --count; "
            + "with --exec, --concurrency)"
    )
    static let noAck = Option<Bool>.flag(
        "no-ack", help: "let the broker forget messages as it sends them (faster, may lose some)")
    static let exchange = Option<String?>.text(
        "exchange", short: "e", value: OptionSpecs.exchangeName, valueName: "EXCHANGE",
        help: "consume through a temporary queue bound to this exchange")
    static let keys = Option<[String]>.repeated(
        "key", short: "k", valueName: "KEY",
        help: "binding key for --exchange, once per binding (default: #, everything)")
    static let exec = Option<String?>.text(
        "exec", short: "x", valueName: "COMMAND",
        help:
            "run COMMAND (via /bin/sh -c) per message, body on stdin, envelope in MQ_* variables; settle the message "
            + "by its exit status"
    )
    static let onFailure = Option<ExitContract.OnFailure>.choice(
        "on-failure", valueName: "ACTION", default: .requeue,
        help:
            "when COMMAND exits non-zero (unless --exit-action says): requeue after a second, reject to dead-letter, "
            + "or stop consuming"
    )
    static let exitActions = Option<[ExitAction]>.repeated(
        "exit-action", valueName: "CODE=ACTION",
        help:
            "with --exec: for exit status CODE (0-255, or * for every non-zero status not named): ack, requeue, reject "
            + "or stop"
    )
    static let concurrency = Option<Int>.integer(
        "concurrency", range: 1...1000, default: 1, help: "run up to N commands at once")
    static let reply = Option<Bool>.flag(
        "reply",
        help: "with --exec: publish COMMAND's output as the reply to the message's reply-to, when the message is acked")

    static func run(_ invocation: Invocation) throws(Failure) {
        if invocation.parsed[GlobalOptions.protocolVersion] == .amqp10 {
            return try MessagesOverAMQP10.consume(invocation)
        }
        let parsed = invocation.parsed
        let limit = parsed[count]
        let noAck = parsed[Self.noAck]
        let exec = try execConsumer(invocation)
        let offsetFile = parsed[StreamOptions.offsetFile]
        let saved = try offsetFile.flatMap { path throws(Failure) in try OffsetFile.read(path) }
        let arguments = StreamOptions.consumerArguments(parsed, saved: saved)
        let prefetch = Self.prefetch(parsed, exec: exec)
        Signals.install()
        let link = try BrokerLink(invocation)
        defer { link.close() }
        var queue = parsed[Self.queue] ?? ""
        let reading = try StreamOptions.reading(parsed, queue: queue, link: link)
        var writer: DeliveryWriter?
        // What is set up again on every new channel: the temporary queue of --exchange and its
        // bindings, the prefetch, and the consumer (a stream's from the offset after the last
        // message handed on, so that nothing is written twice or skipped).
        var tapped = false
        try link.start { channel throws(AMQPError) in
            var missed: String?
            if let exchange = parsed[Self.exchange] {
                queue = try tap(parsed, channel: channel)
                if tapped { missed = "messages routed to exchange '\(exchange)' while mq was away did not reach it" }
                tapped = true
            }
            try channel.setPrefetch(count: UInt16(prefetch))
            var resumed = arguments
            if let offset = exec?.resumeStreamOffset ?? writer?.resumeStreamOffset {
                resumed["x-stream-offset"] = .int64(offset)
            }
            try channel.consume(queue: queue, noAck: noAck, arguments: resumed)
            return missed
        }
        // The offset after the last message taken goes to --offset-file however the run ends; a
        // file that cannot be written fails the run, unless the run failed first.
        var offsetUnsaved = offsetFile != nil
        func saveOffset() throws(Failure) {
            offsetUnsaved = false
            guard let offsetFile, let next = exec?.resumeStreamOffset ?? writer?.takenStreamOffset, next != saved
            else { return }
            try OffsetFile.save(next, to: offsetFile)
        }
        defer { if offsetUnsaved { try? saveOffset() } }
        // A queue consumed with acks gives back, after a loss, what was not acked; a temporary
        // queue goes with the connection.
        let redelivers = parsed[Self.exchange] == nil && !noAck
        // With --offset-file, a reader of a pipe or a socket gets one record at a time, so that
        // what it took is what it read, even when it stops early: the next run starts right after
        // its last record.
        let ended = try runConsumer(
            invocation, link: link, exec: exec, format: .chosen(parsed, queue: queue), reading: reading,
            prefetch: prefetch, noAck: noAck, redelivers: redelivers,
            exact: offsetFile != nil && invocation.stdout.seesReader && !noAck
        ) { writer = $0 }
        try saveOffset()
        try finish(timedOut: ended.timedOut, handled: ended.handled, failed: ended.failed, limit: limit)
    }

    /// How a consume ran: whether it timed out, how many messages it handled (wrote out, or gave
    /// to a command, each once), and how many of their commands failed.
    typealias Ended = (timedOut: Bool, handled: Int, failed: Int)

    /// Runs the consumer the options ask for on `link`, whatever its protocol, until `--count`,
    /// `--timeout`, a signal or the reader's end: `exec`, or one that writes each message to
    /// stdout in `format` (one record at a time when `exact`), whose writer `madeWriter` gets.
    static func runConsumer(
        _ invocation: Invocation, link: any MessageLink, exec: ExecConsumer?, format: MessageFormat,
        reading: StreamReading, prefetch: Int, noAck: Bool, redelivers: Bool, exact: Bool,
        madeWriter: (DeliveryWriter) -> Void
    ) throws(Failure) -> Ended {
        let parsed = invocation.parsed
        let (limit, idle) = (parsed[count], parsed[timeout])
        if let exec {
            let result = try exec.run(
                link: link, reading: reading, redeliversAfterLoss: redelivers, limit: limit, idle: idle)
            let counts = result.counts
            return (result.timedOut, counts.succeeded + counts.failed, counts.failed)
        }
        let ackBatch = max(1, prefetch / 2)
        let writer = DeliveryWriter(
            output: invocation.stdout, link: link, format: format, largestBatch: exact ? 1 : ackBatch, paced: !noAck,
            sync: parsed[OptionSpecs.sync])
        madeWriter(writer)
        let consumer = OutputConsumer(
            link: link, writer: writer, reading: reading, noAck: noAck, redeliversAfterLoss: redelivers,
            ackBatch: ackBatch, progress: ProgressMeter(invocation, verb: "consumed", writesMessages: true))
        let outcome = try consumer.run(limit: limit, idle: idle)
        return (outcome.timedOut, outcome.written - outcome.redelivered, 0)
    }

    /// The prefetch: no more in flight than will be used (`--count` caps it, and `--exec` takes
    /// `--concurrency` unless `--prefetch` is given).
    static func prefetch(_ parsed: ParsedCommand, exec: ExecConsumer?) -> Int {
        let prefetch = parsed.isSet(Self.prefetch) || exec == nil ? parsed[Self.prefetch] : exec?.concurrency ?? 1
        return min(prefetch, parsed[count] ?? Int.max)
    }

    /// The end of a consume that ran its course: commands that failed, the signal that stopped
    /// it, or too few messages before the timeout.
    static func finish(timedOut: Bool, handled: Int, failed: Int = 0, limit: Int?) throws(Failure) {
        if failed > 0 { throw Failure(.refused(.commandsFailed(failed, of: handled))) }
        if let signal = Signals.pending { throw Failure(.signal(signal)) }
        if timedOut, let limit, handled < limit {
            throw Failure(.incomplete(.timedOut(handled: handled, of: limit, noun: "messages")))
        }
    }

    /// The `--exec` consumer, or nil without `--exec`; a status given two actions is a usage error.
    static func execConsumer(_ invocation: Invocation) throws(Failure) -> ExecConsumer? {
        let parsed = invocation.parsed
        guard let command = parsed[exec] else { return nil }
        let contract: ExitContract
        do {
            contract = try ExitContract(parsed[exitActions], onFailure: parsed[onFailure])
        } catch {
            throw Failure(.usage(.conflictingExitActions(error)))
        }
        return ExecConsumer(
            command: command, concurrency: parsed[concurrency], contract: contract, reply: parsed[reply],
            queue: parsed[queue] ?? "",
            invocation: invocation)
    }

    /// A temporary queue bound to `--exchange` with each `--key`; its name.
    private static func tap(_ parsed: ParsedCommand, channel: Channel) throws(AMQPError) -> String {
        let exchange = parsed[Self.exchange] ?? ""
        let queue = try channel.declareQueue("", durable: false, exclusive: true, autoDelete: true).name
        let keys = parsed[Self.keys]
        for key in keys.isEmpty ? ["#"] : keys { try channel.bindQueue(queue, to: exchange, routingKey: key) }
        return queue
    }
}
