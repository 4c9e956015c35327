import AMQP
import AMQP10Wire
import AMQPWire
import HTTP
import JSON

extension ReceivedMessage {
    /// An AMQP 1.0 delivery as consume and get write it, the reverse of what publish sends
    /// (`OutgoingMessage.amqp10Message`): data sections are the body byte for byte, an
    /// `amqp-value` string or binary its bytes, any other body its JSON; the header's durable,
    /// priority and ttl are `delivery_mode`, `priority` and `expiration`; `subject` is `type`
    /// (else RabbitMQ's `x-basic-type` annotation, a 0-9-1 message's type),
    /// `creation-time` the `timestamp`; application properties are the headers; the
    /// `x-exchange` and `x-routing-key` annotations are the exchange and routing key. The
    /// properties 0-9-1 has no field for, and every message annotation, go in `beyondAMQP091`.
    /// Its tag is `deliveryID`, bound to `channel`. What goes beyond 0-9-1 is gathered only
    /// when `beyond` asks (`--format json` shows it; nothing else does).
    init(amqp10 message: Message, deliveryID: UInt32, channel: UInt64, beyond: Bool = true) {
        let annotations = message.messageAnnotations
        var properties = BasicProperties()
        if let header = message.header {
            properties.deliveryMode = header.durable ? 2 : 1
            properties.priority = header.priority
            properties.expiration = header.ttl.map { String($0) }
        }
        var beyondFields = BeyondAMQP091()
        if let given = message.properties {
            properties.messageID = given.messageID.map(Self.text)
            properties.userID = given.userID.map { String(decoding: $0, as: UTF8.self) }
            properties.type = given.subject
            properties.replyTo = given.replyTo
            properties.correlationID = given.correlationID.map(Self.text)
            properties.contentType = given.contentType?.text
            properties.contentEncoding = given.contentEncoding?.text
            properties.timestamp = given.creationTime.map { UInt64(clamping: $0.millisecondsSince1970 / 1000) }
            if beyond {
                beyondFields.properties = AMQP10OnlyProperties(given).jsonFields
            }
        }
        // RabbitMQ 4 carries a 0-9-1 message's type in this annotation.
        if properties.type == nil, case .string(let type)? = annotations?[symbol: "x-basic-type"] {
            properties.type = type
        }
        if let applicationProperties = message.applicationProperties {
            properties.headers = FieldTable(
                applicationProperties.entries.map {
                    FieldTable.Field(name: Self.text($0.key), value: Self.field($0.value))
                })
        }
        if beyond {
            beyondFields.annotations = annotations?.entries.map { (Self.text($0.key), Self.json($0.value)) } ?? []
        }
        let delivery = Delivery(
            consumerTag: "", deliveryTag: UInt64(deliveryID),
            redelivered: (message.header?.deliveryCount ?? 0) > 0,
            exchange: annotations?[symbol: "x-exchange"].map(Self.text) ?? "",
            routingKey: annotations?[symbol: "x-routing-key"].map(Self.text) ?? "", messageCount: nil,
            properties: properties, body: Self.body(message.body), channel: channel)
        self.init(delivery, beyondAMQP091: beyond ? beyondFields : nil)
    }

    /// The body's bytes: data sections joined, an `amqp-value` string or binary as it is, any
    /// other value (or `amqp-sequence` sections, as an array of their lists) as its JSON.
    static func body(_ body: Message.Body) -> [UInt8] {
        switch body {
        case .data(let sections): sections.count == 1 ? sections[0] : Array(sections.joined())
        case .amqpValue(.string(let text)): Array(text.utf8)
        case .amqpValue(.binary(let bytes)): bytes
        case .amqpValue(let value): Array(json(value).serialized().utf8)
        case .amqpSequence(let lists): Array(JSON.array(lists.map { .array($0.map(json)) }).serialized().utf8)
        }
    }

    /// A value as text: a string or symbol as it is, anything else as its JSON.
    static func text(_ value: Value) -> String {
        switch value {
        case .string(let text): text
        case .symbol(let symbol): symbol.text
        case .uuid(let uuid): uuid.description
        default: json(value).serialized()
        }
    }

    /// A value as a 0-9-1 header: each simple type as its like (a symbol, char or uuid as a
    /// string, a timestamp in seconds, an unsigned long that fits as a long), lists and arrays
    /// as arrays, maps as tables; a 1.0 decimal or an unsigned long too large for a long as
    /// their text.
    static func field(_ value: Value) -> FieldValue {
        switch value {
        case .null: .void
        case .boolean(let v): .boolean(v)
        case .ubyte(let v): .uint8(v)
        case .ushort(let v): .uint16(v)
        case .uint(let v): .uint32(v)
        case .ulong(let v): Int64(exactly: v).map(FieldValue.int64) ?? .string(String(v))
        case .byte(let v): .int8(v)
        case .short(let v): .int16(v)
        case .int(let v): .int32(v)
        case .long(let v): .int64(v)
        case .float(let v): .float(v)
        case .double(let v): .double(v)
        case .timestamp(let t): .timestamp(UInt64(clamping: t.millisecondsSince1970 / 1000))
        case .binary(let bytes): .byteArray(bytes)
        case .string, .symbol, .uuid, .char, .decimal32, .decimal64, .decimal128, .described: .string(text(value))
        case .list(let values), .array(let values): .array(values.map(field))
        case .map(let map):
            .table(FieldTable(map.entries.map { FieldTable.Field(name: text($0.key), value: field($0.value)) }))
        }
    }

    /// A value as JSON: what JSON shows unambiguously plainly (strings, symbols, booleans, null,
    /// numbers, lists, maps), anything else as `{"$type": NAME, "value": ...}` as the 0-9-1
    /// headers show their other types.
    static func json(_ value: Value) -> JSON {
        func typed(_ json: JSON) -> JSON { .object([("$type", .string(value.typeName)), ("value", json)]) }
        switch value {
        case .null: return .null
        case .boolean(let v): return .bool(v)
        case .ubyte(let v): return .uint(UInt64(v))
        case .ushort(let v): return .uint(UInt64(v))
        case .uint(let v): return .uint(UInt64(v))
        case .ulong(let v): return .uint(v)
        case .byte(let v): return .int(Int64(v))
        case .short(let v): return .int(Int64(v))
        case .int(let v): return .int(Int64(v))
        case .long(let v): return .int(v)
        case .float(let v): return .double(Double(v))
        case .double(let v): return .double(v)
        case .string(let text): return .string(text)
        case .symbol(let symbol): return .string(symbol.text)
        case .list(let values), .array(let values): return .array(values.map(json))
        case .map(let map): return .object(map.entries.map { (text($0.key), json($0.value)) })
        case .timestamp(let t): return typed(.int(t.millisecondsSince1970))
        case .binary(let bytes): return typed(.string(Base64.encode(bytes)))
        case .uuid(let uuid): return typed(.string(uuid.description))
        case .char(let scalar): return typed(.string(String(Character(scalar))))
        case .decimal32, .decimal64, .decimal128, .described: return typed(.string("\(value)"))
        }
    }
}

extension AMQP10OnlyProperties {
    /// The ones `properties` holds.
    init(_ properties: Properties) {
        self.init(
            to: properties.to, absoluteExpiryTime: properties.absoluteExpiryTime?.millisecondsSince1970,
            groupID: properties.groupID, groupSequence: properties.groupSequence,
            replyToGroupID: properties.replyToGroupID)
    }
}
