import AMQP
import AMQPWire
import ArgumentParsing
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `mq publish [BODY]`: publishes with confirms, and succeeds only when every message was confirmed.
enum Publish {
    static let spec = CommandSpec(
        "publish", summary: "Publish messages, waiting until the broker confirms each one",
        discussion: """
            The body is BODY, the contents of --file, or standard input when it is not a terminal; \
            with --lines every input line is one message, streamed in constant memory. Publisher \
            confirms are on: mq exits 0 only when the broker confirmed every message, and 2 when \
            any was returned as unroutable (mandatory is on) or nacked.
            """,
        arguments: [ArgumentSpec("BODY", optional: true, help: "the message body")],
        options: [
            OptionSpec("exchange", short: "e", value: .text, valueName: "EXCHANGE", default: "", help: "exchange to publish to (default: the default exchange)"),
            OptionSpec("key", short: "k", value: .text, valueName: "KEY", default: "", help: "routing key"),
            OptionSpec("queue", value: .text, valueName: "QUEUE", help: "publish straight to this queue (default exchange, key QUEUE)"),
            OptionSpec("file", short: "f", value: .path, valueName: "PATH", help: "read the body from this file"),
            .flag("lines", help: "publish each line of standard input as one message"),
            OptionSpec("content-type", value: .text, valueName: "TYPE", help: "content-type property"),
            OptionSpec("content-encoding", value: .text, valueName: "ENCODING", help: "content-encoding property"),
            OptionSpec("header", short: "H", value: .keyValue, valueName: "KEY=VALUE", repeatable: true,
                       help: "a header; whole numbers and true/false are typed"),
            OptionSpec("header-string", value: .keyValue, valueName: "KEY=VALUE", repeatable: true, help: "a header that stays a string"),
            .flag("persistent", help: "delivery-mode 2: written to disk by durable queues"),
            .flag("transient", help: "delivery-mode 1"),
            OptionSpec("priority", value: .integer(0...255), valueName: "N", help: "priority property"),
            OptionSpec("correlation-id", value: .text, valueName: "ID", help: "correlation-id property"),
            OptionSpec("reply-to", value: .text, valueName: "QUEUE", help: "reply-to property"),
            OptionSpec("expiration", value: .duration, valueName: "DURATION", help: "per-message TTL"),
            OptionSpec("message-id", value: .text, valueName: "ID", help: "message-id property"),
            OptionSpec("timestamp", value: .text, valueName: "TIME", help: "timestamp property: now, seconds since 1970, or ISO 8601 (2026-11-29T12:00:00Z)"),
            OptionSpec("type", value: .text, valueName: "TYPE", help: "type property"),
            OptionSpec("user-id", value: .text, valueName: "USER", help: "user-id property (the broker checks it is the connection's user)"),
            OptionSpec("app-id", value: .text, valueName: "APP", help: "app-id property"),
            .flag("confirm", default: true, negatable: true, help: "wait for publisher confirms (--no-confirm: fire and forget, nothing is checked)"),
            .flag("mandatory", default: true, negatable: true, help: "treat a message no queue takes as an error"),
            OptionSpec("confirm-window", value: .integer(1...100_000), valueName: "N", default: "1000", help: "most messages awaiting confirmation at once"),
            OptionSpec("timeout", value: .duration, valueName: "DURATION", default: "30s", help: "give up waiting for confirms after this long"),
        ],
        examples: [
            "mq publish --queue orders 'Hello World!'",
            "mq publish --exchange events --key orders.created --header source=web --persistent < order.json",
            "seq 1 1000 | mq publish --queue numbers --lines",
        ])

    static func run(_ invocation: Invocation) throws(Failure) {
        let parsed = invocation.parsed
        let exchange = parsed.isSet("queue") ? "" : parsed.value("exchange") ?? ""
        let key = parsed.value("queue") ?? parsed.value("key") ?? ""
        let properties = try properties(parsed)
        var source = try BodySource(parsed, input: invocation.input)
        let confirm = parsed.flag("confirm")
        let window = Int(parsed.integer("confirm-window") ?? 1000)
        let timeout = parsed.duration("timeout") ?? 30
        var tally = Tally()
        let (connection, channel) = try invocation.connect()
        defer { connection.close() }
        connection.onBlockedChange = { reason in
            if let reason { invocation.note("the broker blocked publishing (\(reason)); waiting") } else { invocation.trace("unblocked") }
        }
        func confirmTimeout() -> Failure {
            Failure(.unavailable, "timed out after \(timeout) s waiting for confirms; \(tally.summary(unconfirmed: channel.unconfirmedCount))")
        }
        try reportingFailures {
            do {
                if confirm { try channel.enableConfirms() }
                while let body = try source.next() {
                    if confirm, channel.unconfirmedCount >= window {
                        guard try channel.waitForConfirms(atMost: window - 1, deadline: .after(seconds: timeout)) else {
                            throw confirmTimeout()
                        }
                        tally.add(channel.takeConfirmations(), invocation: invocation)
                    }
                    guard try channel.waitUntilPublishable(deadline: .after(seconds: timeout)) else {
                        throw Failure(.unavailable, "the broker blocked publishing for \(timeout) s; \(tally.summary(unconfirmed: channel.unconfirmedCount))")
                    }
                    try channel.publish(body, exchange: exchange, routingKey: key, mandatory: parsed.flag("mandatory"), properties: properties)
                    tally.published += 1
                }
                if confirm {
                    guard try channel.waitForConfirms(deadline: .after(seconds: timeout)) else {
                        throw confirmTimeout()
                    }
                    tally.add(channel.takeConfirmations(), invocation: invocation)
                } else {
                    try connection.flush()
                }
            } catch let error as AMQPError {
                // Say how far publishing got, so the user knows what the broker has.
                throw Failure(error).adding("; \(tally.summary(unconfirmed: channel.unconfirmedCount))")
            }
        }
        if invocation.json {
            try invocation.emit(text: "", json: tally.json)
        }
        if tally.returned + tally.nacked > 0 {
            throw Failure(.unconfirmed, "\(tally.returned + tally.nacked) of \(tally.published) messages not confirmed (\(tally.returned) returned, \(tally.nacked) nacked)")
        }
    }

    static func properties(_ parsed: ParsedCommand) throws(Failure) -> BasicProperties {
        var properties = BasicProperties()
        properties.contentType = parsed.value("content-type")
        properties.contentEncoding = parsed.value("content-encoding")
        let headers = TypedValues.table(parsed.values("header"), strings: parsed.values("header-string"))
        if !headers.isEmpty { properties.headers = headers }
        if parsed.flag("persistent"), parsed.flag("transient") {
            throw Failure(.usage, "--persistent and --transient contradict each other")
        }
        if parsed.flag("persistent") { properties.deliveryMode = 2 }
        if parsed.flag("transient") { properties.deliveryMode = 1 }
        properties.priority = parsed.integer("priority").map { UInt8($0) }
        properties.correlationID = parsed.value("correlation-id")
        properties.replyTo = parsed.value("reply-to")
        properties.expiration = parsed.duration("expiration").map { String(Int64(($0 * 1000).rounded())) }
        properties.messageID = parsed.value("message-id")
        if let stamp = parsed.value("timestamp") {
            if stamp == "now" {
                properties.timestamp = UInt64(time(nil))
            } else if let seconds = UInt64(stamp) {
                properties.timestamp = seconds
            } else if let date = ISO8601DateFormatter().date(from: stamp), date.timeIntervalSince1970 >= 0 {
                properties.timestamp = UInt64(date.timeIntervalSince1970)
            } else {
                throw Failure(.usage, "bad value for '--timestamp': '\(stamp)' is not 'now', seconds since 1970, or a time like 2026-11-29T12:00:00Z")
            }
        }
        properties.type = parsed.value("type")
        properties.userID = parsed.value("user-id")
        properties.appID = parsed.value("app-id")
        return properties
    }
}

extension Failure {
    /// The same failure with `suffix` appended to its message.
    func adding(_ suffix: String) -> Failure {
        Failure(status, message + suffix, replyCode: replyCode, replyText: replyText)
    }
}

/// Counts what became of published messages, and reports each one that was not confirmed.
struct Tally {
    var published = 0
    var confirmed = 0
    var returned = 0
    var nacked = 0

    mutating func add(_ confirmations: [Confirmation], invocation: Invocation) {
        for confirmation in confirmations {
            switch confirmation.outcome {
            case .acked: confirmed += 1
            case .nacked:
                nacked += 1
                invocation.note("message \(confirmation.sequence) was nacked by the broker")
            case .returned(let message):
                returned += 1
                invocation.note("message \(confirmation.sequence) was returned: no queue is bound to exchange '\(message.exchange)' with routing key '\(message.routingKey)' (\(message.replyCode))")
            }
        }
    }

    func summary(unconfirmed: Int) -> String {
        "\(confirmed) of \(published) messages confirmed, \(unconfirmed) unconfirmed"
    }

    var json: JSON {
        .object([
            ("published", .int(Int64(published))), ("confirmed", .int(Int64(confirmed))),
            ("returned", .int(Int64(returned))), ("nacked", .int(Int64(nacked))),
        ])
    }
}

/// Where message bodies come from: the argument, a file, all of stdin, or stdin line by line.
struct BodySource {
    private enum Kind {
        case single([UInt8]?)
        case lines(InputReader)
    }

    private var kind: Kind

    init(_ parsed: ParsedCommand, input: InputReader) throws(Failure) {
        let given = [parsed.argument("BODY") != nil, parsed.value("file") != nil, parsed.flag("lines")].filter { $0 }.count
        guard given <= 1 else { throw Failure(.usage, "give the body one way: BODY, --file or --lines") }
        if let body = parsed.argument("BODY") {
            kind = .single(Array(body.utf8))
        } else if let path = parsed.value("file") {
            kind = .single(try Self.read(path))
        } else if parsed.flag("lines") {
            kind = .lines(input)
        } else if !input.isTerminal {
            kind = .single(try input.readAll())
        } else {
            throw Failure(.usage, "no message body: give BODY, --file PATH, or pipe it on standard input")
        }
    }

    /// The next body, or nil when there are no more.
    mutating func next() throws(Failure) -> [UInt8]? {
        switch kind {
        case .single(let body):
            kind = .single(nil)
            return body
        case .lines(let reader):
            return try reader.readLine()
        }
    }

    private static func read(_ path: String) throws(Failure) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(.dataError, "cannot read '\(path)': \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        return try InputReader(descriptor: descriptor).readAll()
    }
}
