import AMQP10Wire
import AMQPWire

extension OutgoingMessage {
    /// The message as AMQP 1.0 carries it: the body as one data section, byte for byte; the
    /// 0-9-1 properties in the header and properties sections where AMQP 1.0 has them
    /// (`delivery_mode` 2 is `durable`, `expiration` the `ttl`, `type` the `subject`,
    /// `timestamp` the `creation-time`); headers as application properties. The header goes
    /// always: RabbitMQ 4 keeps a message without one durably, and mq's messages are transient
    /// unless `--persistent`. What AMQP 1.0 cannot carry is refused, naming it, never dropped.
    func amqp10Message() throws(Failure) -> Message {
        let given = envelope.properties
        if given.appID != nil { throw Failure(.usage(.noAMQP10Equivalent(property: "app_id"))) }
        if given.clusterID != nil { throw Failure(.usage(.noAMQP10Equivalent(property: "cluster_id"))) }
        var header = Header(durable: given.deliveryMode == 2, priority: given.priority ?? 4)
        if let expiration = given.expiration {
            guard let milliseconds = UInt32(expiration) else {
                throw Failure(.usage(.noAMQP10Equivalent(property: "expiration '\(expiration)'")))
            }
            header.ttl = milliseconds
        }
        let only = envelope.amqp10Properties
        let sectionProperties = Properties(
            messageID: given.messageID.map { Value.string($0) }, userID: given.userID.map { Array($0.utf8) },
            to: only.to, subject: given.type, replyTo: given.replyTo,
            correlationID: given.correlationID.map { Value.string($0) },
            contentType: given.contentType.map { Symbol($0) },
            contentEncoding: given.contentEncoding.map { Symbol($0) },
            absoluteExpiryTime: only.absoluteExpiryTime.map { Timestamp(millisecondsSince1970: $0) },
            creationTime: given.timestamp.map { Timestamp(millisecondsSince1970: Int64(clamping: $0) &* 1000) },
            groupID: only.groupID, groupSequence: only.groupSequence, replyToGroupID: only.replyToGroupID)
        var applicationProperties: Map?
        if let headers = given.headers, !headers.isEmpty {
            var map = Map()
            for field in headers {
                guard let value = field.value.amqp10ApplicationValue else {
                    throw Failure(
                        .usage(.noAMQP10Equivalent(property: "header '\(field.name)' (\(field.value.kindName))")))
                }
                map[.string(field.name)] = value
            }
            applicationProperties = map
        }
        return Message(
            header: header,
            properties: sectionProperties == Properties() ? nil : sectionProperties,
            applicationProperties: applicationProperties, body: .data([Array(body)]))
    }
}

extension FieldValue {
    /// The value as an AMQP 1.0 application property, which holds simple values only (no
    /// lists, maps or arrays, spec 3.2.5); nil for a table, an array or a 0-9-1 decimal (AMQP
    /// 1.0's decimals are IEEE 754's, another kind). A string that is not UTF-8 goes as binary.
    var amqp10ApplicationValue: Value? {
        switch self {
        case .boolean(let value): .boolean(value)
        case .int8(let value): .byte(value)
        case .uint8(let value): .ubyte(value)
        case .int16(let value): .short(value)
        case .uint16(let value): .ushort(value)
        case .int32(let value): .int(value)
        case .uint32(let value): .uint(value)
        case .int64(let value): .long(value)
        case .float(let value): .float(value)
        case .double(let value): .double(value)
        case .longString(let bytes): String(validating: bytes, as: UTF8.self).map { .string($0) } ?? .binary(bytes)
        case .timestamp(let seconds): .timestamp(Timestamp(millisecondsSince1970: Int64(clamping: seconds) &* 1000))
        case .void: .null
        case .byteArray(let bytes): .binary(bytes)
        case .array, .table, .decimal: nil
        }
    }

    /// What a value AMQP 1.0 cannot carry is, as an error names it.
    fileprivate var kindName: String {
        switch self {
        case .table: "a table"
        case .array: "an array"
        case .decimal: "a decimal"
        default: "a value"
        }
    }
}
