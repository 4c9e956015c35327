/// The payload of a content header frame (spec 4.2.6): which class the content belongs to, the
/// total body size, and the properties.
public struct ContentHeader: Hashable, Sendable {
    /// The class of the method that carries the content; 60 (`basic`) for every message.
    public var classID: UInt16
    /// The total size of the body frames that follow.
    public var bodySize: UInt64
    public var properties: BasicProperties

    public init(classID: UInt16 = 60, bodySize: UInt64, properties: BasicProperties = BasicProperties()) {
        self.classID = classID
        self.bodySize = bodySize
        self.properties = properties
    }

    /// Writes class id, weight (always 0), body size and properties.
    public func encode(to writer: inout ByteWriter) throws(WireError) {
        try Self.encode(classID: classID, bodySize: bodySize, properties: properties, to: &writer)
    }

    /// Writes a content header payload from its parts, without the copy of `properties` that
    /// building a `ContentHeader` makes.
    public static func encode(
        classID: UInt16 = 60, bodySize: UInt64, properties: BasicProperties, to writer: inout ByteWriter
    ) throws(WireError) {
        writer.writeInteger(classID)
        writer.writeInteger(UInt16(0))
        writer.writeInteger(bodySize)
        try properties.encode(to: &writer)
    }

    /// Reads a content header payload; its class must be basic, the only class with content (a
    /// peer that sends another is owed a frame error, spec 4.2.6.1).
    public static func decode(from reader: inout ByteReader) throws(WireError) -> ContentHeader {
        let classID = try reader.decodeInteger(as: UInt16.self, .contentHeaderClassID)
        guard classID == BasicPublish.classID else { throw .malformed(.contentClass(classID)) }
        _ = try reader.decodeInteger(as: UInt16.self, .contentHeaderWeight)
        let bodySize = try reader.decodeInteger(as: UInt64.self, .contentHeaderBodySize)
        return ContentHeader(
            classID: classID, bodySize: bodySize, properties: try BasicProperties.decode(from: &reader))
    }
}
