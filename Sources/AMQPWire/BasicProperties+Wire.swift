// The content header's property list on the wire: 16 flag bits, then each present property.
extension BasicProperties.Fields {
    /// Writes the property flags, then each present property.
    func encode(to writer: inout ByteWriter) throws {
        var flags: UInt16 = 0
        func mark(_ isPresent: Bool, _ bit: UInt16) { if isPresent { flags |= 1 << bit } }
        mark(contentType != nil, 15)
        mark(contentEncoding != nil, 14)
        mark(headers != nil, 13)
        mark(deliveryMode != nil, 12)
        mark(priority != nil, 11)
        mark(correlationID != nil, 10)
        mark(replyTo != nil, 9)
        mark(expiration != nil, 8)
        mark(messageID != nil, 7)
        mark(timestamp != nil, 6)
        mark(type != nil, 5)
        mark(userID != nil, 4)
        mark(appID != nil, 3)
        mark(clusterID != nil, 2)
        writer.writeInteger(flags)
        if let contentType { try writer.writeShortString(contentType, "content-type") }
        if let contentEncoding { try writer.writeShortString(contentEncoding, "content-encoding") }
        if let headers { try headers.encode(to: &writer) }
        if let deliveryMode { writer.writeInteger(deliveryMode) }
        if let priority { writer.writeInteger(priority) }
        if let correlationID { try writer.writeShortString(correlationID, "correlation-id") }
        if let replyTo { try writer.writeShortString(replyTo, "reply-to") }
        if let expiration { try writer.writeShortString(expiration, "expiration") }
        if let messageID { try writer.writeShortString(messageID, "message-id") }
        if let timestamp { writer.writeInteger(timestamp) }
        if let type { try writer.writeShortString(type, "type") }
        if let userID { try writer.writeShortString(userID, "user-id") }
        if let appID { try writer.writeShortString(appID, "app-id") }
        if let clusterID { try writer.writeShortString(clusterID, "cluster-id") }
    }

    /// Reads the property flags and the properties they announce.
    /// The properties that `flags` (already read) announce.
    static func decode(flags: UInt16, from reader: inout ByteReader) throws -> Self {
        guard flags & 0x0003 == 0 else {
            // Bit 0 would continue the flags; bit 1 is unused. The basic class has 14 properties.
            throw WireError.malformed("property flags 0x\(String(flags, radix: 16)) name properties the basic class lacks")
        }
        func has(_ index: Int) -> Bool { flags & (1 << (15 - index)) != 0 }
        var properties = Self()
        if has(0) { properties.contentType = try reader.decodeShortString("content-type") }
        if has(1) { properties.contentEncoding = try reader.decodeShortString("content-encoding") }
        if has(2) { properties.headers = try FieldTable.decode(from: &reader) }
        if has(3) { properties.deliveryMode = try reader.decodeInteger(as: UInt8.self, "delivery-mode") }
        if has(4) { properties.priority = try reader.decodeInteger(as: UInt8.self, "priority") }
        if has(5) { properties.correlationID = try reader.decodeShortString("correlation-id") }
        if has(6) { properties.replyTo = try reader.decodeShortString("reply-to") }
        if has(7) { properties.expiration = try reader.decodeShortString("expiration") }
        if has(8) { properties.messageID = try reader.decodeShortString("message-id") }
        if has(9) { properties.timestamp = try reader.decodeInteger(as: UInt64.self, "timestamp") }
        if has(10) { properties.type = try reader.decodeShortString("type") }
        if has(11) { properties.userID = try reader.decodeShortString("user-id") }
        if has(12) { properties.appID = try reader.decodeShortString("app-id") }
        if has(13) { properties.clusterID = try reader.decodeShortString("cluster-id") }
        return properties
    }
}
