/// Reading the few primitives of a performative or a section directly, without the value tree
/// (see `Transfer.decodeDirect`): each gives the value, `.some(nil)` for a null, or nil for any
/// other encoding (or bytes missing), which the caller leaves to the general decoder.
extension ByteReader {
    /// A uint or null.
    mutating func directUInt() -> UInt32?? {
        switch readInteger(as: UInt8.self) {
        case FormatCode.null: .some(nil)
        case FormatCode.uint0: .some(0)
        case FormatCode.smalluint: readInteger(as: UInt8.self).map { UInt32($0) }
        case FormatCode.uint: readInteger(as: UInt32.self).map { $0 }
        default: nil
        }
    }

    /// A ubyte or null.
    mutating func directUByte() -> UInt8?? {
        switch readInteger(as: UInt8.self) {
        case FormatCode.null: .some(nil)
        case FormatCode.ubyte: readInteger(as: UInt8.self).map { $0 }
        default: nil
        }
    }

    /// A boolean or null.
    mutating func directBool() -> Bool?? {
        switch readInteger(as: UInt8.self) {
        case FormatCode.null: .some(nil)
        case FormatCode.true: .some(true)
        case FormatCode.false: .some(false)
        case FormatCode.boolean:
            switch readInteger(as: UInt8.self) {
            case 0: .some(false)
            case 1: .some(true)
            default: nil
            }
        default: nil
        }
    }

    /// A binary of at most 255 bytes, or null.
    mutating func directShortBinary() -> [UInt8]?? {
        switch readInteger(as: UInt8.self) {
        case FormatCode.null: return .some(nil)
        case FormatCode.vbin8:
            guard let count = readInteger(as: UInt8.self), let bytes = readBytes(Int(count)) else { return nil }
            return .some(bytes)
        default: return nil
        }
    }

    /// The descriptor `code` (as a small ulong) of a described list, and the list's element count
    /// and where it ends; nil for anything else.
    mutating func directList(describedBy code: UInt8) -> (count: UInt8, end: Int)? {
        guard readInteger(as: UInt8.self) == FormatCode.described,
            readInteger(as: UInt8.self) == FormatCode.smallulong, readInteger(as: UInt8.self) == code
        else { return nil }
        switch readInteger(as: UInt8.self) {
        case FormatCode.list0: return (0, position)
        case FormatCode.list8:
            guard let size = readInteger(as: UInt8.self), size >= 1, remaining >= Int(size),
                let count = readInteger(as: UInt8.self)
            else { return nil }
            return (count, position + Int(size) - 1)
        default: return nil
        }
    }
}
