import AMQPWire
import ArgumentParsing
import JSON

#if canImport(Glibc)
    import Glibc
#endif

/// A message ready to publish: body, destination and properties.
struct OutgoingMessage {
    /// A slice, so that a line is published from the input's buffer where it was read.
    var body: ArraySlice<UInt8>
    /// Shared by every message that has the same one (all of them, for `--lines`), so handing a
    /// message on costs a reference, not a copy of every property.
    let envelope: Envelope
}

/// Where a message goes, and its properties.
final class Envelope: Sendable {
    let exchange: String
    let routingKey: String
    let properties: BasicProperties
    /// What an NDJSON line sets that only AMQP 1.0 carries.
    let amqp10Properties: AMQP10OnlyProperties

    init(
        exchange: String, routingKey: String, properties: BasicProperties,
        amqp10Properties: AMQP10OnlyProperties = AMQP10OnlyProperties()
    ) {
        self.exchange = exchange
        self.routingKey = routingKey
        self.properties = properties
        self.amqp10Properties = amqp10Properties
    }
}

/// Where `publish` gets its messages: the argument, a file, all of stdin, stdin lines, or stdin
/// NDJSON lines (each a message in consume's JSON shape, over the command line's defaults).
struct MessageSource {
    private enum Kind {
        case single([UInt8]?)
        case lines(InputReader)
        case ndjson(InputReader)
    }

    private var kind: Kind
    private let defaults: Envelope
    /// True when --exchange, --key or --queue was given: then they route every NDJSON line too.
    private let routeGiven: Bool
    /// Whether the messages go over AMQP 1.0, which carries what a line may set beyond 0-9-1.
    private let overAMQP10: Bool
    /// The number of the line last read (1-based), for error messages.
    private(set) var lineNumber = 0

    static let exchange = Option<String>.text(
        "exchange", short: "e", value: OptionSpecs.exchangeName, valueName: "EXCHANGE", default: "",
        help: "exchange to publish to (default: the default exchange)")
    static let key = Option<String>.text("key", short: "k", valueName: "KEY", default: "", help: "routing key")
    static let queue = Option<String?>.text(
        "queue", value: OptionSpecs.queueName, valueName: "QUEUE",
        help: "publish straight to this queue (default exchange, key QUEUE)")
    static let file = Option<String?>.text(
        "file", short: "f", value: .path, valueName: "PATH", help: "read the body from this file")
    static let lines = Option<Bool>.flag("lines", help: "publish each line of standard input as one message")
    static let ndjson = Option<Bool>.flag(
        "ndjson", help: "each stdin line is a JSON message as `consume --format json` prints it")

    /// `--exchange` and `--key`: where a message is published (publish, request, route).
    static let route = OptionGroup([exchange, key])
    /// `--exchange`, `--key` and `--queue`: where every message goes (publish, request).
    static let destination = OptionGroup([queue], including: [route])

    /// Where the bodies come from.
    enum Body {
        /// One message: this text (the BODY argument).
        case text(String)
        /// One message: the contents of this file (`--file`).
        case file(String)
        /// One message per line of the input (`--lines`).
        case lines
        /// One message per NDJSON line of the input (`--ndjson`).
        case ndjson
        /// One message: all of the input, which must not be a terminal.
        case input

        /// The body publish's options ask for: BODY, `--file`, `--lines`, `--ndjson`, else stdin.
        static func of(_ parsed: ParsedCommand, argument: String?) -> Body {
            if let argument { return .text(argument) }
            if let path = parsed[MessageSource.file] { return .file(path) }
            if parsed[MessageSource.lines] { return .lines }
            return parsed[MessageSource.ndjson] ? .ndjson : .input
        }
    }

    /// The source the options describe: `--queue Q` (the default exchange, key Q) or `--exchange`
    /// and `--key` route every message, with `properties`.
    init(_ parsed: ParsedCommand, body: Body, input: InputReader, properties: BasicProperties) throws(Failure) {
        defaults = Envelope(
            exchange: parsed.isSet(Self.queue) ? "" : parsed[Self.exchange],
            routingKey: parsed[Self.queue] ?? parsed[Self.key], properties: properties)
        routeGiven = parsed.isSet(Self.exchange) || parsed.isSet(Self.key) || parsed.isSet(Self.queue)
        overAMQP10 = parsed[GlobalOptions.protocolVersion] == .amqp10
        switch body {
        case .text(let text): kind = .single(Array(text.utf8))
        case .file(let path): kind = .single(try InputReader.contents(of: path))
        case .lines: kind = .lines(input)
        case .ndjson: kind = .ndjson(input)
        case .input:
            guard !input.isTerminal else {
                throw Failure(.usage(.noBody))
            }
            kind = .single(try input.readAll())
        }
    }

    /// The next message, or nil when there are no more. A bad NDJSON line throws `NDJSONError`
    /// (wrapped with its line number in `BadLine`).
    mutating func next() throws -> OutgoingMessage? {
        switch kind {
        case .single(let body):
            kind = .single(nil)
            return body.map { OutgoingMessage(body: $0[...], envelope: defaults) }
        case .lines(let reader):
            return try reader.readLine().map { OutgoingMessage(body: $0, envelope: defaults) }
        case .ndjson(let reader):
            while true {
                guard let line = try reader.readLine() else { return nil }
                lineNumber += 1
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                do throws(NDJSONError) {
                    let message = try NDJSONMessage.parse(Array(line))
                    if !overAMQP10, let name = message.amqp10Properties.jsonFields.first?.0 {
                        throw NDJSONError(
                            "property '\(name)' is AMQP 1.0's, which 0-9-1 has no place for: add --protocol 1.0, or leave it out"
                        )
                    }
                    return merged(message)
                } catch {
                    throw BadLine(number: lineNumber, problem: error)
                }
            }
        }
    }

    private func merged(_ line: NDJSONMessage) -> OutgoingMessage {
        var properties = line.properties.filled(from: defaults.properties)
        if var headers = defaults.properties.headers, let lineHeaders = line.headers {
            for field in lineHeaders { headers[field.name] = field.value }
            properties.headers = headers
        } else {
            properties.headers = line.headers ?? defaults.properties.headers
        }
        let envelope = Envelope(
            exchange: routeGiven ? defaults.exchange : line.exchange ?? defaults.exchange,
            routingKey: routeGiven ? defaults.routingKey : line.routingKey ?? defaults.routingKey,
            properties: properties, amqp10Properties: line.amqp10Properties)
        return OutgoingMessage(body: line.body[...], envelope: envelope)
    }
}

/// An NDJSON line that does not describe a message.
struct BadLine: Error {
    let number: Int
    let problem: NDJSONError
}
