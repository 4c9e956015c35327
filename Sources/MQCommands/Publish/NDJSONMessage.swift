import AMQPWire
import HTTP
import JSON

/// One message described by a JSON line, in the shape `mq consume --format json` prints.
struct NDJSONMessage {
    var body: [UInt8]
    var exchange: String?
    var routingKey: String?
    /// The properties the line sets; nil ones fall back to the command line's.
    var properties: BasicProperties
    /// The AMQP 1.0 properties the line sets, which 0-9-1 has no field for.
    var amqp10Properties = AMQP10OnlyProperties()
    var headers: FieldTable?

    /// Fields of consume's output that describe a delivery, not a message to publish: ignored.
    /// Parses one line; the error says what is wrong with it.
    static func parse(_ line: [UInt8]) throws(NDJSONError) -> NDJSONMessage {
        let json: JSON
        do {
            json = try JSONParser.parse(line)
        } catch {
            throw NDJSONError("invalid JSON: \(error)")
        }
        guard case .object(let fields) = json else { throw NDJSONError("expected a JSON object") }
        var message = NDJSONMessage(body: [], properties: BasicProperties())
        var body: String?
        var encoding = "utf8"
        for (key, value) in fields {
            switch key {
            case "body": body = try string(value, key)
            case "body_encoding": encoding = try string(value, key)
            case "exchange": message.exchange = try string(value, key)
            case "routing_key": message.routingKey = try string(value, key)
            case "properties": (message.properties, message.amqp10Properties) = try properties(value)
            case "headers":
                guard case .object = value else { throw NDJSONError("'headers' must be an object") }
                message.headers = try table(value, path: "headers")
            case _ where MessageJSON.deliveryFieldNames.contains(key): continue
            default: throw NDJSONError("unknown field '\(key)'")
            }
        }
        guard let body else { throw NDJSONError("no 'body' field") }
        switch encoding {
        case "utf8": message.body = Array(body.utf8)
        case "base64":
            guard let bytes = Base64.decode(body) else { throw NDJSONError("'body' is not valid base64") }
            message.body = bytes
        default: throw NDJSONError("'body_encoding' must be utf8 or base64, not '\(encoding)'")
        }
        return message
    }

    private static func string(_ value: JSON, _ name: String) throws(NDJSONError) -> String {
        guard case .string(let text) = value else { throw NDJSONError("'\(name)' must be a string") }
        return text
    }

    private static func integer<T: FixedWidthInteger>(_ value: JSON, _ name: String, as: T.Type) throws(NDJSONError)
        -> T
    {
        let number: T?
        switch value {
        case .int(let v): number = T(exactly: v)
        case .uint(let v): number = T(exactly: v)
        default: number = nil
        }
        guard let number else { throw NDJSONError("'\(name)' must be a whole number from \(T.min) to \(T.max)") }
        return number
    }

    private static func properties(_ json: JSON) throws(NDJSONError) -> (BasicProperties, AMQP10OnlyProperties) {
        guard case .object(let fields) = json else { throw NDJSONError("'properties' must be an object") }
        var properties = BasicProperties()
        var amqp10 = AMQP10OnlyProperties()
        for (key, value) in fields {
            let path = "properties.\(key)"
            if let field = AMQP10OnlyProperties.field(named: key) {
                guard field.set(&amqp10, value) else { throw NDJSONError("'\(path)' is not a value it can hold") }
                continue
            }
            switch key {
            case "content_type": properties.contentType = try string(value, path)
            case "content_encoding": properties.contentEncoding = try string(value, path)
            case "delivery_mode": properties.deliveryMode = try integer(value, path, as: UInt8.self)
            case "priority": properties.priority = try integer(value, path, as: UInt8.self)
            case "correlation_id": properties.correlationID = try string(value, path)
            case "reply_to": properties.replyTo = try string(value, path)
            case "expiration": properties.expiration = try string(value, path)
            case "message_id": properties.messageID = try string(value, path)
            case "timestamp": properties.timestamp = try integer(value, path, as: UInt64.self)
            case "type": properties.type = try string(value, path)
            case "user_id": properties.userID = try string(value, path)
            case "app_id": properties.appID = try string(value, path)
            case "cluster_id": properties.clusterID = try string(value, path)
            default: throw NDJSONError("unknown property '\(key)'")
            }
        }
        return (properties, amqp10)
    }

    private static func table(_ json: JSON, path: String) throws(NDJSONError) -> FieldTable {
        guard case .object(let fields) = json else { throw NDJSONError("'\(path)' must be an object") }
        var table = FieldTable()
        for (key, value) in fields { table[key] = try fieldValue(value, path: "\(path).\(key)") }
        return table
    }

    /// The inverse of `MessageJSON.value`: plain JSON gets the natural type, `$type` objects theirs.
    private static func fieldValue(_ json: JSON, path: String) throws(NDJSONError) -> FieldValue {
        switch json {
        case .null: return .void
        case .bool(let v): return .boolean(v)
        case .int(let v): return Int32(exactly: v).map(FieldValue.int32) ?? .int64(v)
        case .uint(let v):
            guard let value = Int64(exactly: v) else { throw NDJSONError("'\(path)' is too large for a header") }
            return .int64(value)
        case .double(let v): return .double(v)
        case .string(let v): return .string(v)
        case .array(let values):
            var result: [FieldValue] = []
            for (index, value) in values.enumerated() {
                result.append(try fieldValue(value, path: "\(path)[\(index)]"))
            }
            return .array(result)
        case .object(let fields):
            if fields.count == 2, fields[0].0 == "$type", case .string(let type) = fields[0].1, fields[1].0 == "value" {
                return try typedValue(type, fields[1].1, path: path)
            }
            return .table(try table(json, path: path))
        }
    }

    private static func typedValue(_ type: String, _ value: JSON, path: String) throws(NDJSONError) -> FieldValue {
        switch type {
        case "int8": return .int8(try integer(value, path, as: Int8.self))
        case "uint8": return .uint8(try integer(value, path, as: UInt8.self))
        case "int16": return .int16(try integer(value, path, as: Int16.self))
        case "uint16": return .uint16(try integer(value, path, as: UInt16.self))
        case "int32": return .int32(try integer(value, path, as: Int32.self))
        case "uint32": return .uint32(try integer(value, path, as: UInt32.self))
        case "int64": return .int64(try integer(value, path, as: Int64.self))
        case "timestamp": return .timestamp(try integer(value, path, as: UInt64.self))
        case "float", "double":
            let number: Double
            switch value {
            case .double(let v): number = v
            case .int(let v): number = Double(v)
            case .uint(let v): number = Double(v)
            default: throw NDJSONError("'\(path)' must be a number")
            }
            guard type == "float" else { return .double(number) }
            // Float(1e39) is infinity, which JSON cannot show: consume would print it as null.
            guard Float(number).isFinite else { throw NDJSONError("'\(path)' is too large for a float") }
            return .float(Float(number))
        case "decimal":
            let text = try string(value, path)
            guard let decimal = decimal(text) else { throw NDJSONError("'\(path)' is not a decimal like 1.50") }
            return .decimal(decimal)
        case "table": return .table(try table(value, path: path))
        case "bytes", "binary":
            guard let bytes = Base64.decode(try string(value, path)) else {
                throw NDJSONError("'\(path)' is not valid base64")
            }
            return type == "bytes" ? .byteArray(bytes) : .longString(bytes)
        default:
            throw NDJSONError("'\(path)' has unknown $type '\(type)'")
        }
    }

    private static func decimal(_ text: String) -> AMQPDecimal? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let scale = UInt8(exactly: parts.count == 2 ? parts[1].count : 0),
            let value = UInt32(parts.joined())
        else { return nil }
        return AMQPDecimal(scale: scale, value: value)
    }
}

/// What is wrong with an NDJSON line.
struct NDJSONError: Error, Equatable, Sendable {
    let message: String
    init(_ message: String) { self.message = message }
}

extension BasicProperties {
    /// These properties, with each one that is nil taken from `defaults`.
    func filled(from defaults: BasicProperties) -> BasicProperties {
        BasicProperties(
            contentType: contentType ?? defaults.contentType,
            contentEncoding: contentEncoding ?? defaults.contentEncoding,
            headers: headers ?? defaults.headers, deliveryMode: deliveryMode ?? defaults.deliveryMode,
            priority: priority ?? defaults.priority, correlationID: correlationID ?? defaults.correlationID,
            replyTo: replyTo ?? defaults.replyTo, expiration: expiration ?? defaults.expiration,
            messageID: messageID ?? defaults.messageID, timestamp: timestamp ?? defaults.timestamp,
            type: type ?? defaults.type, userID: userID ?? defaults.userID, appID: appID ?? defaults.appID,
            clusterID: clusterID ?? defaults.clusterID)
    }
}
