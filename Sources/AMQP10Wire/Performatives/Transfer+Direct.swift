/// The transfer as every message crosses the wire with it, read and written without the value
/// tree: one transfer a message made `Value` lists, arrays and enums the largest cost of a
/// message in the client. Only the common shape (no delivery state, no receiver settle mode, no
/// resume, abort or batchable flags, a list of at most 255 bytes, trailing nulls or not) takes
/// this path; anything else goes the general way, and both give the same bytes and the same
/// values (tests check).
extension Transfer {
    /// The longest delivery tag written directly: with it the other fields (20 bytes at most)
    /// still fit a list of 255 bytes.
    static let directTagLimit = 235

    /// Appends this transfer as its described list, when it has the common shape; false (nothing
    /// written) otherwise.
    func encodeDirect(to writer: inout ByteWriter) -> Bool {
        guard state == nil, rcvSettleMode == nil, !resume, !aborted, !batchable,
            (deliveryTag?.count ?? 0) <= Self.directTagLimit
        else { return false }
        // The fields up to the last one present: a list that stops early leaves the rest null.
        let count: UInt8 =
            more
            ? 6 : settled != nil ? 5 : messageFormat != nil ? 4 : deliveryTag != nil ? 3 : deliveryID != nil ? 2 : 1
        writer.writeInteger(FormatCode.described)
        writer.writeInteger(FormatCode.smallulong)
        writer.writeInteger(UInt8(Self.descriptorCode))
        writer.writeInteger(FormatCode.list8)
        let sizeAt = writer.count
        writer.writeInteger(UInt8(0))
        writer.writeInteger(count)
        Self.write(handle, to: &writer)
        if count >= 2 { Self.write(deliveryID, to: &writer) }
        if count >= 3 {
            if let deliveryTag {
                writer.writeInteger(FormatCode.vbin8)
                writer.writeInteger(UInt8(deliveryTag.count))
                writer.writeBytes(deliveryTag)
            } else {
                writer.writeInteger(FormatCode.null)
            }
        }
        if count >= 4 { Self.write(messageFormat, to: &writer) }
        if count >= 5 {
            writer.writeInteger(settled.map { $0 ? FormatCode.true : FormatCode.false } ?? FormatCode.null)
        }
        if count >= 6 { writer.writeInteger(FormatCode.true) }
        writer.patchUInt8(UInt8(writer.count - sizeAt - 1), at: sizeAt)
        return true
    }

    /// Reads a transfer of the common shape from the front of `reader`, moving past it; nil
    /// (moving nothing) for anything else, which the general decoder then reads or refuses.
    static func decodeDirect(from reader: inout ByteReader) -> Transfer? {
        var fields = reader
        guard let (count, end) = fields.directList(describedBy: UInt8(descriptorCode)), (1...11).contains(count)
        else { return nil }
        guard let handle = fields.directUInt() ?? nil else { return nil }
        var transfer = Transfer(handle: handle)
        if count >= 2 {
            guard let id = fields.directUInt() else { return nil }
            transfer.deliveryID = id
        }
        if count >= 3 {
            guard let tag = fields.directShortBinary() else { return nil }
            transfer.deliveryTag = tag
        }
        if count >= 4 {
            guard let format = fields.directUInt() else { return nil }
            transfer.messageFormat = format
        }
        if count >= 5 {
            guard let settled = fields.directBool() else { return nil }
            transfer.settled = settled
        }
        if count >= 6 {
            guard let more = fields.directBool() else { return nil }
            transfer.more = more ?? false
        }
        // The rest (rcv-settle-mode, state, resume, aborted, batchable) only as nulls, as
        // RabbitMQ writes them.
        for _ in min(count, 6)..<count {
            guard fields.readInteger(as: UInt8.self) == FormatCode.null else { return nil }
        }
        guard fields.position == end else { return nil }
        reader = fields
        return transfer
    }

    /// A uint in its most compact encoding, or null.
    private static func write(_ value: UInt32?, to writer: inout ByteWriter) {
        switch value {
        case nil: writer.writeInteger(FormatCode.null)
        case 0?: writer.writeInteger(FormatCode.uint0)
        case let small? where small <= UInt32(UInt8.max):
            writer.writeInteger(FormatCode.smalluint)
            writer.writeInteger(UInt8(small))
        case let value?:
            writer.writeInteger(FormatCode.uint)
            writer.writeInteger(value)
        }
    }
}
