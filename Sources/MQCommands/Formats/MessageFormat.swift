import AMQP
import AMQPWire
import ArgumentParsing
import HTTP
import JSON

/// How consume, get and request write each message: one of `--format`'s, or `--template`'s.
enum MessageFormat {
    /// `--format`'s words.
    enum Name: String, CaseIterable {
        case line, raw, json
    }

    /// The body and a newline.
    case line
    /// Bodies back to back, nothing added.
    case raw
    /// One JSON object per line with the envelope, every property and the headers.
    case json
    /// Through a template, for messages from `queue`; nothing added.
    case template(MessageTemplate, queue: String)
    /// Events of the firehose of `vhost` (`mq trace`): a line each, or a JSON object each.
    case firehose(json: Bool, vhost: String)

    init(_ name: Name) {
        switch name {
        case .line: self = .line
        case .raw: self = .raw
        case .json: self = .json
        }
    }

    /// The format the options ask for, for messages from `queue`: `--template` when given
    /// (the rules keep it from meeting `--format` on the command line), else `--format`.
    static func chosen(_ parsed: ParsedCommand, queue: String) -> MessageFormat {
        if let template = parsed[OptionSpecs.template] { return .template(template, queue: queue) }
        return MessageFormat(parsed[OptionSpecs.format])
    }

    /// True when this format shows what an AMQP 1.0 message carries beyond 0-9-1 (JSON's does).
    var showsBeyondAMQP091: Bool {
        if case .json = self { true } else { false }
    }

    /// Appends `message` to `output` in this format.
    func write(_ message: ReceivedMessage, to output: OutputStream) {
        guard showsBeyondAMQP091, let beyond = message.beyondAMQP091 else { return write(message.delivery, to: output) }
        output.write(MessageJSON.object(message.delivery, beyond: beyond).serialized() + "\n")
    }

    /// Appends `delivery` to `output` in this format.
    func write(_ delivery: Delivery, to output: OutputStream) {
        switch self {
        case .line:
            output.write(delivery.body)
            output.write([10])
        case .raw:
            output.write(delivery.body)
        case .json:
            output.write(MessageJSON.object(delivery).serialized() + "\n")
        case .template(let template, let queue):
            output.append { template.render(delivery, queue: queue, into: &$0) }
        case .firehose(let json, let vhost):
            let time = WallTime.now
            guard let event = FirehoseEvent(delivery) else {
                // Not an event the firehose names: shown as consume would show it.
                output.write(
                    (json
                        ? MessageJSON.object(delivery).serialized()
                        : "\(time.timeOfDay) \(Logfmt.line([("key", delivery.routingKey)]))") + "\n")
                return
            }
            output.write((json ? event.json(at: time, vhost: vhost).serialized() : event.line(at: time)) + "\n")
        }
    }
}

/// The JSON shape of a message, shared by `consume --format json` and `get --format json`.
enum MessageJSON {
    /// The fields that describe a delivery rather than the message (`publish --ndjson` passes
    /// over them, so a dump can be published again), with `consumer_tag` from other tools. An
    /// AMQP 1.0 message's annotations are the broker's (where it routed the message, its stream
    /// offset), as the exchange and routing key of a 0-9-1 delivery are.
    static let deliveryFieldNames: Set<String> = [
        "redelivered", "delivery_tag", "message_count", "offset", "consumer_tag", annotationsField,
    ]

    /// The object for `delivery`, with what an AMQP 1.0 message carried `beyond` it.
    static func object(_ delivery: Delivery, beyond: BeyondAMQP091? = nil) -> JSON {
        var fields = bodyFields(delivery.body)
        fields += [
            ("exchange", .string(delivery.exchange)), ("routing_key", .string(delivery.routingKey)),
            ("redelivered", .bool(delivery.redelivered)), ("delivery_tag", .uint(delivery.deliveryTag)),
        ]
        if let count = delivery.messageCount { fields.append(("message_count", .uint(UInt64(count)))) }
        if let offset = delivery.streamOffset { fields.append(("offset", .int(offset))) }
        var propertyFields = propertyFields(delivery.properties)
        if let beyond { propertyFields += beyond.properties }
        fields.append(("properties", .object(propertyFields)))
        fields.append((headersField, delivery.properties.headers.map(table) ?? .object([])))
        if let beyond { fields.append((annotationsField, .object(beyond.annotations))) }
        return .object(fields)
    }

    /// `body` and `body_encoding`: the body as text when it is UTF-8, else in base64.
    static func bodyFields(_ body: [UInt8]) -> [(String, JSON)] {
        if let text = String(validating: body, as: UTF8.self) {
            return [("body", .string(text)), ("body_encoding", .string("utf8"))]
        }
        return [("body", .string(Base64.encode(body))), ("body_encoding", .string("base64"))]
    }

    static func properties(_ properties: BasicProperties) -> JSON { .object(propertyFields(properties)) }

    /// The fields of `properties` that are set, by their JSON names.
    private static func propertyFields(_ properties: BasicProperties) -> [(String, JSON)] {
        propertyFields.compactMap { field in field.value(properties).map { (field.name, $0) } }
    }

    /// A basic property as the JSON shows it: its name, and its value (nil when absent).
    struct PropertyField: Sendable {
        let name: String
        let value: @Sendable (BasicProperties) -> JSON?
    }

    /// The basic properties of the `properties` object, by their JSON names, in the order it
    /// shows them: the one list of those names (`--template`'s `{properties.NAME}` reads it too).
    /// The fourteenth, the headers, is the message's `headers` field.
    static let propertyFields: [PropertyField] = [
        PropertyField(name: "content_type") { $0.contentType.map(JSON.string) },
        PropertyField(name: "content_encoding") { $0.contentEncoding.map(JSON.string) },
        PropertyField(name: "delivery_mode") { $0.deliveryMode.map { .uint(UInt64($0)) } },
        PropertyField(name: "priority") { $0.priority.map { .uint(UInt64($0)) } },
        PropertyField(name: "correlation_id") { $0.correlationID.map(JSON.string) },
        PropertyField(name: "reply_to") { $0.replyTo.map(JSON.string) },
        PropertyField(name: "expiration") { $0.expiration.map(JSON.string) },
        PropertyField(name: "message_id") { $0.messageID.map(JSON.string) },
        PropertyField(name: "timestamp") { $0.timestamp.map(JSON.uint) },
        PropertyField(name: "type") { $0.type.map(JSON.string) },
        PropertyField(name: "user_id") { $0.userID.map(JSON.string) },
        PropertyField(name: "app_id") { $0.appID.map(JSON.string) },
        PropertyField(name: "cluster_id") { $0.clusterID.map(JSON.string) },
    ]

    /// The name of a message's headers in its JSON object.
    static let headersField = "headers"

    /// The name of an AMQP 1.0 message's message annotations in its JSON object.
    static let annotationsField = "annotations"

    /// A header as plain text: a string as it is, anything else as its JSON (numbers and
    /// booleans as JSON writes them).
    static func text(_ value: FieldValue) -> String {
        switch Self.value(value) {
        case .string(let string): string
        case let other: other.serialized()
        }
    }

    static func table(_ table: FieldTable) -> JSON {
        .object(table.map { ($0.name, value($0.value)) })
    }

    /// A header value as JSON. Values JSON shows unambiguously are plain (strings, booleans,
    /// null, doubles, arrays, tables, and integers typed as `publish --ndjson` would type them
    /// back); every other type is `{"$type": NAME, "value": ...}`, so a round trip keeps it.
    static func value(_ value: FieldValue) -> JSON {
        func typed(_ name: String, _ json: JSON) -> JSON { .object([("$type", .string(name)), ("value", json)]) }
        switch value {
        case .boolean(let v): return .bool(v)
        case .int8(let v): return typed("int8", .int(Int64(v)))
        case .uint8(let v): return typed("uint8", .int(Int64(v)))
        case .int16(let v): return typed("int16", .int(Int64(v)))
        case .uint16(let v): return typed("uint16", .int(Int64(v)))
        case .int32(let v): return .int(Int64(v))
        case .uint32(let v): return typed("uint32", .int(Int64(v)))
        case .int64(let v): return Int32(exactly: v) == nil ? .int(v) : typed("int64", .int(v))
        case .float(let v): return typed("float", .double(Double(v)))
        case .double(let v): return .double(v)
        case .decimal(let v): return typed("decimal", .string(decimalText(v)))
        case .longString(let bytes):
            return String(validating: bytes, as: UTF8.self).map(JSON.string)
                ?? typed("binary", .string(Base64.encode(bytes)))
        case .array(let values): return .array(values.map(Self.value))
        case .timestamp(let v): return typed("timestamp", .uint(v))
        case .table(let inner):
            // A table shaped like a `$type` wrapper is wrapped itself, or it would read back as one.
            let json = table(inner)
            guard case .object(let fields) = json, fields.count == 2, fields[0].0 == "$type",
                case .string = fields[0].1,
                fields[1].0 == "value"
            else { return json }
            return typed("table", json)
        case .void: return .null
        case .byteArray(let bytes): return typed("bytes", .string(Base64.encode(bytes)))
        }
    }

    private static func decimalText(_ decimal: AMQPDecimal) -> String {
        var digits = String(decimal.value)
        let scale = Int(decimal.scale)
        guard scale > 0 else { return digits }
        if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
        digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        return digits
    }
}
