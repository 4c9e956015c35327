/// The sections every message has, read without the value tree, as `Transfer.decodeDirect` reads
/// transfers: a data section, and a header of primitives. Anything else (or any other encoding)
/// is left to the general decoder, which reads it or says what is wrong with it; both give the
/// same sections (tests check).
extension Section {
    /// The section at the front of `reader` when it is a data section or a header of the common
    /// encodings, moving past it; nil (moving nothing) otherwise.
    static func decodeDirect(from reader: inout ByteReader) -> Section? {
        var section = reader
        guard section.remaining >= 4, section.bytes[section.position] == FormatCode.described,
            section.bytes[section.position + 1] == FormatCode.smallulong
        else { return nil }
        let decoded: Section?
        switch section.bytes[section.position + 2] {
        case UInt8(Kind.data.code): decoded = directData(&section)
        case UInt8(Header.descriptorCode): decoded = Header.decodeDirect(from: &section).map(Section.header)
        default: decoded = nil
        }
        if decoded != nil { reader = section }
        return decoded
    }

    /// Appends a data section holding `body`, the bytes `Section.data` encodes to, without
    /// first copying `body` into a section: how a publisher writes each message's body.
    public static func encodeData(_ body: some Collection<UInt8>, to writer: inout ByteWriter) {
        writer.writeInteger(FormatCode.described)
        writer.writeInteger(FormatCode.smallulong)
        writer.writeInteger(UInt8(Kind.data.code))
        if body.count <= Int(UInt8.max) {
            writer.writeInteger(FormatCode.vbin8)
            writer.writeInteger(UInt8(body.count))
        } else {
            writer.writeInteger(FormatCode.vbin32)
            writer.writeInteger(UInt32(body.count))
        }
        writer.writeBytes(body)
    }

    /// A data section: its descriptor, then its bytes as a binary.
    private static func directData(_ reader: inout ByteReader) -> Section? {
        _ = reader.skip(3)
        let count: Int?
        switch reader.readInteger(as: UInt8.self) {
        case FormatCode.vbin8: count = reader.readInteger(as: UInt8.self).map { Int($0) }
        case FormatCode.vbin32: count = reader.readInteger(as: UInt32.self).map { Int($0) }
        default: return nil
        }
        guard let count, let bytes = reader.readBytes(count) else { return nil }
        return .data(bytes)
    }
}

extension Header {
    /// A header whose fields are the primitives the spec gives them (or null), moving past it;
    /// nil (moving nothing) otherwise.
    static func decodeDirect(from reader: inout ByteReader) -> Header? {
        var fields = reader
        guard let (count, end) = fields.directList(describedBy: UInt8(descriptorCode)), count <= 5 else { return nil }
        var header = Header()
        if count >= 1 {
            guard let durable = fields.directBool() else { return nil }
            header.durable = durable ?? false
        }
        if count >= 2 {
            guard let priority = fields.directUByte() else { return nil }
            header.priority = priority ?? 4
        }
        if count >= 3 {
            guard let ttl = fields.directUInt() else { return nil }
            header.ttl = ttl
        }
        if count >= 4 {
            guard let firstAcquirer = fields.directBool() else { return nil }
            header.firstAcquirer = firstAcquirer ?? false
        }
        if count >= 5 {
            guard let deliveryCount = fields.directUInt() else { return nil }
            header.deliveryCount = deliveryCount ?? 0
        }
        guard fields.position == end else { return nil }
        reader = fields
        return header
    }
}
