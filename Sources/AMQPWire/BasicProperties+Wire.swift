// The content header's property list on the wire: 16 flag bits, then each present property.
extension BasicProperties.Fields {
    /// Writes the property flags, then each present property.
    func encode(to writer: inout ByteWriter) throws(WireError) {
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
        if let contentType { try writer.writeShortString(contentType, .property("content-type")) }
        if let contentEncoding { try writer.writeShortString(contentEncoding, .property("content-encoding")) }
        if let headers { try headers.encode(to: &writer) }
        if let deliveryMode { writer.writeInteger(deliveryMode) }
        if let priority { writer.writeInteger(priority) }
        if let correlationID { try writer.writeShortString(correlationID, .property("correlation-id")) }
        if let replyTo { try writer.writeShortString(replyTo, .property("reply-to")) }
        if let expiration { try writer.writeShortString(expiration, .property("expiration")) }
        if let messageID { try writer.writeShortString(messageID, .property("message-id")) }
        if let timestamp { writer.writeInteger(timestamp) }
        if let type { try writer.writeShortString(type, .property("type")) }
        if let userID { try writer.writeShortString(userID, .property("user-id")) }
        if let appID { try writer.writeShortString(appID, .property("app-id")) }
        if let clusterID { try writer.writeShortString(clusterID, .property("cluster-id")) }
    }

    /// Reads the property flags and the properties they announce.
    /// The properties that `flags` (already read) announce.
    static func decode(flags: UInt16, from reader: inout ByteReader) throws(WireError) -> Self {
        guard flags & 0x0003 == 0 else {
            // Bit 0 would continue the flags; bit 1 is unused. The basic class has 14 properties.
            throw .malformed(.propertyFlags(flags))
        }
        func has(_ index: Int) -> Bool { flags & (1 << (15 - index)) != 0 }
        var properties = Self()
        if has(0) { properties.contentType = try reader.decodeShortString(.property("content-type")) }
        if has(1) { properties.contentEncoding = try reader.decodeShortString(.property("content-encoding")) }
        if has(2) { properties.headers = try FieldTable.decode(from: &reader) }
        if has(3) { properties.deliveryMode = try reader.decodeInteger(as: UInt8.self, .property("delivery-mode")) }
        if has(4) { properties.priority = try reader.decodeInteger(as: UInt8.self, .property("priority")) }
        if has(5) { properties.correlationID = try reader.decodeShortString(.property("correlation-id")) }
        if has(6) { properties.replyTo = try reader.decodeShortString(.property("reply-to")) }
        if has(7) { properties.expiration = try reader.decodeShortString(.property("expiration")) }
        if has(8) { properties.messageID = try reader.decodeShortString(.property("message-id")) }
        if has(9) { properties.timestamp = try reader.decodeInteger(as: UInt64.self, .property("timestamp")) }
        if has(10) { properties.type = try reader.decodeShortString(.property("type")) }
        if has(11) { properties.userID = try reader.decodeShortString(.property("user-id")) }
        if has(12) { properties.appID = try reader.decodeShortString(.property("app-id")) }
        if has(13) { properties.clusterID = try reader.decodeShortString(.property("cluster-id")) }
        return properties
    }
}
