/// One AMQP 1.0 frame (spec 2.3): an 8-byte header (size, data offset, type, channel), an
/// extended header that nobody uses, then the body.
public enum Frame: Hashable, Sendable {
    /// An AMQP frame (type 0) on `channel`; `payload` is the message bytes that follow a transfer,
    /// empty for every other performative.
    case amqp(channel: UInt16, Performative, payload: [UInt8] = [])
    /// An AMQP frame with no body: what a peer sends to keep the connection from idling out
    /// (spec 2.4.5).
    case empty(channel: UInt16)
    /// A SASL frame (type 1; its channel is ignored, spec 5.3.1).
    case sasl(SASLPerformative)

    /// The size of the frame header.
    public static let headerSize = 8
    /// The smallest max-frame-size a peer may announce (spec constant MIN-MAX-FRAME-SIZE).
    public static let minimumMaxFrameSize: UInt32 = 512
    /// The frame type octets (spec 2.3.2, 5.3.1).
    static let amqpType: UInt8 = 0
    static let saslType: UInt8 = 1

    /// Decodes one frame, or returns nil (moving nothing) while its bytes have not all arrived.
    ///
    /// The header is checked as soon as its eight bytes are there, so a stream that is not AMQP
    /// fails without waiting for the size it claims.
    /// - Parameter maxFrameSize: the max-frame-size this side announced; a larger frame is an error.
    public static func decode(from reader: inout ByteReader, maxFrameSize: UInt32 = .max) throws(WireError) -> Frame? {
        var header = reader
        guard let size = header.readInteger(as: UInt32.self), let dataOffset = header.readInteger(as: UInt8.self),
            let type = header.readInteger(as: UInt8.self), let channel = header.readInteger(as: UInt16.self)
        else { return nil }
        guard size >= headerSize else { throw .malformed(.frameHeader, .frameSize(size)) }
        guard size <= maxFrameSize else { throw .frameTooLarge(size: size, max: maxFrameSize) }
        guard dataOffset >= 2, UInt32(dataOffset) * 4 <= size else {
            throw .malformed(.frameHeader, .dataOffset(dataOffset, frameSize: size))
        }
        guard type == amqpType || type == saslType else { throw .malformed(.frameHeader, .frameType(type)) }
        guard reader.remaining >= Int(size) else { return nil }
        var frame = reader
        var body = try frame.decodeWindow(Int(size), .frameHeader)
        // The extended header (data offset past 2) is skipped: the spec gives it no meaning.
        _ = body.skip(Int(dataOffset) * 4)
        let decoded = try decodeBody(type: type, channel: channel, from: &body)
        reader = frame
        return decoded
    }

    private static func decodeBody(type: UInt8, channel: UInt16, from body: inout ByteReader) throws(WireError)
        -> Frame
    {
        if type == saslType {
            guard body.remaining > 0 else { throw .malformed(.frameHeader, .emptySASLFrame) }
            let sasl = try SASLPerformative(Value.decode(from: &body, .performative))
            guard body.remaining == 0 else { throw .malformed(.performative, .unreadBytes(body.remaining)) }
            return .sasl(sasl)
        }
        guard body.remaining > 0 else { return .empty(channel: channel) }
        if let transfer = Transfer.decodeDirect(from: &body) {
            return .amqp(channel: channel, .transfer(transfer), payload: body.readBytes(body.remaining) ?? [])
        }
        let performative = try Performative(Value.decode(from: &body, .performative))
        let payload = body.readBytes(body.remaining) ?? []
        if case .transfer = performative {
        } else if !payload.isEmpty {
            throw .malformed(.performative, .unreadBytes(payload.count))
        }
        return .amqp(channel: channel, performative, payload: payload)
    }

    /// Appends this frame, with no extended header.
    public func encode(to writer: inout ByteWriter) throws(WireError) {
        let start = writer.count
        writer.writeInteger(UInt32(0))
        writer.writeInteger(UInt8(2))
        switch self {
        case .amqp(let channel, let performative, let payload):
            writer.writeInteger(Self.amqpType)
            writer.writeInteger(channel)
            if case .transfer(let transfer) = performative, transfer.encodeDirect(to: &writer) {
            } else {
                try performative.value.encode(to: &writer)
            }
            writer.writeBytes(payload)
        case .empty(let channel):
            writer.writeInteger(Self.amqpType)
            writer.writeInteger(channel)
        case .sasl(let sasl):
            writer.writeInteger(Self.saslType)
            writer.writeInteger(UInt16(0))
            try sasl.value.encode(to: &writer)
        }
        writer.patchUInt32(UInt32(writer.count - start), at: start)
    }
}
