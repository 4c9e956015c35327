import AMQP
import AMQPWire
import ArgumentParsing
import ManagementAPI

/// `mq trace`: messages as they pass through the broker, from RabbitMQ's firehose.
enum Trace {
    /// How each event is written.
    enum Format: String, CaseIterable {
        case text, json
    }

    static let spec = Command(
        "trace", summary: "Show messages as they are published and delivered in a vhost (RabbitMQ's firehose)",
        discussion: """
            mq turns tracing on for the vhost through the management API (only if it was off, and \
            says so: the firehose costs the broker throughput), binds an exclusive queue to the \
            vhost's amq.rabbitmq.trace exchange, and prints one line per event: the time, published \
            or delivered, then key=value pairs: the queue a message was delivered from, the \
            exchange and routing keys, the queues a publish was routed to, the user, the \
            connection and channel, and the start of the body. --format json writes one object \
            per event with the whole message (body, properties and headers as consume --format \
            json writes them).

            With --exchange and --queue (each repeatable), only publishes to those exchanges and \
            deliveries from those queues are shown; with neither, everything. However mq stops \
            (--count, --timeout, Ctrl-C, SIGTERM, the connection lost), it turns tracing off again \
            if it turned it on, unless another trace is still running in the vhost (the last one \
            turns it off). An mq trace that was killed leaves tracing on: the next mq trace says \
            so and turns it off when it stops, and mq trace --off turns it off at once. Switching \
            tracing needs a user with the administrator tag.
            """,
        options: [exchanges, queues, format, count, timeout, off],
        examples: [
            "mq trace",
            "mq trace --exchange events --queue orders --count 10",
            "mq trace --vhost staging --format json | jq .routed_queues",
            "mq trace --off",
        ],
        rules: [
            .exclusive(off, exchanges), .exclusive(off, queues), .exclusive(off, count), .exclusive(off, timeout),
        ],
        action: CommandHandler(run))

    static let exchanges = Option<[String]>.repeated(
        "exchange", short: "e", value: OptionSpecs.exchangeName, valueName: "EXCHANGE",
        help: "show publishes to this exchange")
    static let queues = Option<[String]>.repeated(
        "queue", value: OptionSpecs.queueName, valueName: "QUEUE", help: "show deliveries from this queue")
    static let format = Option<Format>.choice(
        "format", valueName: "FORMAT", default: .text,
        help: "text: one line per event; json: one object per event with the whole message")
    static let count = Option<Int?>.integer("count", short: "n", range: 1...Int64.max, help: "stop after N events")
    static let timeout = Option<Double?>.duration(
        "timeout", short: "t", help: "stop when no event came for this long (exit 3 if fewer than --count came)")
    static let off = Option<Bool>.flag(
        "off", help: "turn tracing off for the vhost (after a trace that was killed) and exit")

    /// The binding keys on the trace exchange: `publish.X` per exchange and `deliver.Q` per
    /// queue, or everything when neither is named.
    static func bindingKeys(exchanges: [String], queues: [String]) -> [String] {
        let keys = exchanges.map { "publish." + $0 } + queues.map { "deliver." + $0 }
        return keys.isEmpty ? ["#"] : keys
    }

    static func run(_ invocation: Invocation) throws(Failure) {
        let parsed = invocation.parsed
        let vhost = try invocation.settingsVhost()
        let tracing = VhostTracing(api: try invocation.managementAPI(), vhost: vhost)
        if parsed[off] { return try turnOff(tracing, invocation) }
        Signals.install()
        let wasOn = try askingAPI { () throws(APIError) in try tracing.isOn() }
        let link = try BrokerLink(invocation)
        defer { link.close() }
        var queue = ""
        let keys = bindingKeys(exchanges: parsed[exchanges], queues: parsed[queues])
        let prefetch = min(parsed[count] ?? 1000, 1000)
        var claim: TracingClaim?
        do {
            // Set up again on every new channel: a restart took the exclusive queue with it (and
            // a new name: the old one may still be locked by a connection the broker has not
            // dropped yet), and may have taken the tracing this trace turned on.
            try link.start { channel throws(AMQPError) in
                queue = VhostTracing.queuePrefix + randomSuffix()
                _ = try channel.declareQueue(queue, durable: false, exclusive: true, autoDelete: true)
                for key in keys { try channel.bindQueue(queue, to: VhostTracing.exchange, routingKey: key) }
                try channel.setPrefetch(count: UInt16(prefetch))
                try channel.consume(queue: queue, noAck: false, arguments: [:])
                return claim == .turnedOn ? restore(tracing) : nil
            }
            let found = TracingClaim(wasOn: wasOn, tracers: try others(tracing, besides: queue))
            if found == .turnedOn { try switchTracing(tracing, on: true) }
            claim = found
            if let note = found.note(vhost: vhost) { invocation.note(note) }
            try consume(link: link, vhost: vhost, prefetch: prefetch, invocation)
        } catch {
            if let claim { finish(claim, tracing, queue: queue, invocation) }
            throw error
        }
        if let claim { finish(claim, tracing, queue: queue, invocation) }
        if let signal = Signals.pending { throw Failure(.signal(signal)) }
    }

    /// After a reconnect: turns tracing on again if this trace had turned it on and the broker's
    /// restart lost it; what the note says of it.
    private static func restore(_ tracing: VhostTracing) -> String? {
        do {
            guard try !tracing.isOn() else { return nil }
            try tracing.set(true)
            return "tracing turned on again for vhost '\(tracing.vhost)'"
        } catch {
            return "could not turn tracing on again for vhost '\(tracing.vhost)': \(error)"
        }
    }

    /// Writes the events from the link's queue until the count, the timeout, a signal or a lost
    /// connection past the reconnect window.
    private static func consume(link: BrokerLink, vhost: String, prefetch: Int, _ invocation: Invocation)
        throws(Failure)
    {
        let parsed = invocation.parsed
        let limit = parsed[count]
        let json = parsed[format] == .json || invocation.json
        let writer = DeliveryWriter(
            output: invocation.stdout, link: link, format: .firehose(json: json, vhost: vhost),
            largestBatch: max(1, prefetch / 2), paced: true,
            sync: false)
        let consumer = OutputConsumer(
            link: link, writer: writer, reading: StreamReading(), noAck: false, redeliversAfterLoss: false,
            ackBatch: max(1, prefetch / 2),
            progress: nil)
        let written = try consumer.run(limit: limit, idle: parsed[timeout])
        if written.timedOut, let limit, written.written - written.redelivered < limit {
            throw Failure(
                .incomplete(.timedOut(handled: written.written - written.redelivered, of: limit, noun: "events")))
        }
    }

    /// Turns tracing off at the end when this trace owns it and nobody else traces; a failure
    /// to do so is said, not thrown, so that the failure that ended the trace stays the one reported.
    private static func finish(_ claim: TracingClaim, _ tracing: VhostTracing, queue: String, _ invocation: Invocation)
    {
        guard claim.ownsTracing else { return }
        do {
            guard claim.turnsOff(leaving: try others(tracing, besides: queue)) else {
                invocation.trace("tracing left on for vhost '\(tracing.vhost)': another trace is running there")
                return
            }
            try tracing.set(false)
            invocation.trace("tracing turned off for vhost '\(tracing.vhost)'")
        } catch {
            invocation.note(
                "could not turn tracing off for vhost '\(tracing.vhost)': \(error); `mq trace --off` turns it off")
        }
    }

    /// `mq trace --off`.
    private static func turnOff(_ tracing: VhostTracing, _ invocation: Invocation) throws(Failure) {
        let wasOn = try askingAPI { () throws(APIError) in try tracing.isOn() }
        if wasOn { try switchTracing(tracing, on: false) }
        let text =
            wasOn
            ? "tracing turned off for vhost '\(tracing.vhost)'" : "tracing was already off for vhost '\(tracing.vhost)'"
        try invocation.emit(text: text, json: .object([("vhost", .string(tracing.vhost)), ("was_on", .bool(wasOn))]))
    }

    /// The queues bound to the trace exchange other than this trace's own.
    private static func others(_ tracing: VhostTracing, besides queue: String) throws(Failure) -> [String] {
        try askingAPI { () throws(APIError) in try tracing.tracers().filter { $0 != queue } }
    }

    /// Turns tracing on or off; a user the API refuses gets one line saying what that needs.
    private static func switchTracing(_ tracing: VhostTracing, on: Bool) throws(Failure) {
        do {
            try tracing.set(on)
        } catch {
            switch error {
            case .unauthorized(let user, let reason), .forbidden(let user, let reason):
                throw Failure(.denied(.tracing(user: user, on: on, vhost: tracing.vhost, reason: reason)))
            default:
                throw Failure(error)
            }
        }
    }

    /// Sixteen hex digits, so that traces running at once have queues of their own.
    private static func randomSuffix() -> String {
        var generator = SystemRandomNumberGenerator()
        let value = generator.next() as UInt64
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
