import AMQP
import AMQPWire
import ArgumentParsing
import HTTP

/// How consume and get write each message.
enum MessageFormat: String, CaseIterable {
    /// The body and a newline.
    case line
    /// Bodies back to back, nothing added.
    case raw
    /// One JSON object per line with the envelope, every property and the headers.
    case json

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
        }
    }
}

/// The JSON shape of a message, shared by `consume --format json` and `get --format json`.
enum MessageJSON {
    static func object(_ delivery: Delivery) -> JSON {
        var fields: [(String, JSON)] = []
        if let text = String(validating: delivery.body, as: UTF8.self) {
            fields += [("body", .string(text)), ("body_encoding", .string("utf8"))]
        } else {
            fields += [("body", .string(Base64.encode(delivery.body))), ("body_encoding", .string("base64"))]
        }
        fields += [
            ("exchange", .string(delivery.exchange)), ("routing_key", .string(delivery.routingKey)),
            ("redelivered", .bool(delivery.redelivered)), ("delivery_tag", .uint(delivery.deliveryTag)),
        ]
        if let count = delivery.messageCount { fields.append(("message_count", .uint(UInt64(count)))) }
        fields.append(("properties", properties(delivery.properties)))
        fields.append(("headers", delivery.properties.headers.map(table) ?? .object([])))
        return .object(fields)
    }

    static func properties(_ properties: BasicProperties) -> JSON {
        var fields: [(String, JSON)] = []
        func add(_ name: String, _ value: String?) { if let value { fields.append((name, .string(value))) } }
        add("content_type", properties.contentType)
        add("content_encoding", properties.contentEncoding)
        if let mode = properties.deliveryMode { fields.append(("delivery_mode", .uint(UInt64(mode)))) }
        if let priority = properties.priority { fields.append(("priority", .uint(UInt64(priority)))) }
        add("correlation_id", properties.correlationID)
        add("reply_to", properties.replyTo)
        add("expiration", properties.expiration)
        add("message_id", properties.messageID)
        if let timestamp = properties.timestamp { fields.append(("timestamp", .uint(timestamp))) }
        add("type", properties.type)
        add("user_id", properties.userID)
        add("app_id", properties.appID)
        add("cluster_id", properties.clusterID)
        return .object(fields)
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
            return String(validating: bytes, as: UTF8.self).map(JSON.string) ?? typed("binary", .string(Base64.encode(bytes)))
        case .array(let values): return .array(values.map(Self.value))
        case .timestamp(let v): return typed("timestamp", .uint(v))
        case .table(let inner):
            // A table shaped like a `$type` wrapper is wrapped itself, or it would read back as one.
            let json = table(inner)
            guard case .object(let fields) = json, fields.count == 2, fields[0].0 == "$type", case .string = fields[0].1,
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
