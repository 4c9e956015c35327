/// One AMQP frame (spec 4.2.3): type, channel, payload, frame-end.
public enum Frame: Hashable, Sendable {
    case method(channel: UInt16, Method)
    case header(channel: UInt16, ContentHeader)
    case body(channel: UInt16, [UInt8])
    case heartbeat
    /// A `basic.deliver` with its content header and body: three frames taken together by
    /// `decodeDelivery` (never by `decode`).
    case delivered(channel: UInt16, Delivered)

    /// The frame type octets (spec 4.2.3, constants FRAME-METHOD and others).
    public enum Kind: UInt8, Sendable {
        case method = 1
        case header = 2
        case body = 3
        case heartbeat = 8
    }

    /// The octet that ends every frame.
    public static let end: UInt8 = 0xCE
    /// Type (1), channel (2), size (4) and frame-end (1): what a frame costs beyond its payload.
    public static let overhead = 8
    /// The smallest frame_max a peer may choose (spec constant FRAME-MIN-SIZE).
    public static let minimumSize: UInt32 = 4096

    /// The channel the frame travels on (0 for heartbeats and connection methods).
    public var channel: UInt16 {
        switch self {
        case .method(let channel, _), .header(let channel, _), .body(let channel, _), .delivered(let channel, _):
            channel
        case .heartbeat: 0
        }
    }
}

extension Frame {
    /// Decodes one frame, or returns nil (consuming nothing) when its bytes have not all arrived.
    ///
    /// - Parameter maxFrameSize: the negotiated frame_max; a larger frame is an error. 0 means
    ///   no limit, as in the spec's tune method.
    public static func decode(from reader: inout ByteReader, maxFrameSize: UInt32) throws(WireError) -> Frame? {
        // The 7-byte header is read in place; only the payload gets a reader of its own.
        guard reader.remaining >= 7 else { return nil }
        let headerStart = reader.position
        let (type, channel, size) = reader.bytes.withUnsafeBytes { raw in
            (
                raw[headerStart],
                UInt16(bigEndian: raw.loadUnaligned(fromByteOffset: headerStart + 1, as: UInt16.self)),
                UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: headerStart + 3, as: UInt32.self))
            )
        }
        guard let kind = Kind(rawValue: type) else { throw .unknownFrameType(type) }
        if maxFrameSize != 0, UInt64(size) + UInt64(overhead) > UInt64(maxFrameSize) {
            throw .frameTooLarge(size: size, max: maxFrameSize)
        }
        guard reader.remaining >= 7 + Int(size) + 1 else { return nil }
        let payloadStart = headerStart + 7
        let payloadEnd = payloadStart + Int(size)
        let endOctet = reader.bytes[payloadEnd]
        guard endOctet == end else { throw .badFrameEnd(endOctet) }
        var payload = ByteReader(reader.bytes, start: payloadStart, limit: payloadEnd)
        // Method frames repeat their names (a delivery's consumer tag); properties such as
        // message ids are mostly unique, and would only push those out of the cache.
        if kind == .method { payload.stringCache = reader.stringCache }
        let frame: Frame
        switch kind {
        case .method:
            let classID = try payload.decodeInteger(as: UInt16.self, .methodClassID)
            let methodID = try payload.decodeInteger(as: UInt16.self, .methodID)
            frame = .method(channel: channel, try Method.decode(classID: classID, methodID: methodID, from: &payload))
        case .header:
            frame = .header(channel: channel, try ContentHeader.decode(from: &payload))
        case .body:
            frame = .body(channel: channel, try payload.decodeBytes(Int(size), .body))
        case .heartbeat:
            guard channel == 0, size == 0 else { throw .malformed(.heartbeat(channel: channel, size: size)) }
            frame = .heartbeat
        }
        if payload.remaining != 0 {
            throw .malformed(.unreadBytes(payload.remaining, frameType: kind.rawValue))
        }
        _ = reader.skip(Int(size) + overhead)
        return frame
    }

    /// Appends this frame.
    public func encode(to writer: inout ByteWriter) throws(WireError) {
        switch self {
        case .method(let channel, let method): try Frame.writeMethod(method.payload, channel: channel, to: &writer)
        case .header(let channel, let header): try Frame.writeHeader(header, channel: channel, to: &writer)
        case .body(let channel, let bytes): Frame.writeBody(bytes[...], channel: channel, to: &writer)
        case .heartbeat: Frame.writeHeartbeat(to: &writer)
        case .delivered(let channel, let delivered):
            try Frame.writeMethod(delivered.deliver, channel: channel, to: &writer)
            try Frame.writeHeader(
                bodySize: UInt64(delivered.body.count), properties: delivered.properties, channel: channel, to: &writer)
            if !delivered.body.isEmpty { Frame.writeBody(delivered.body[...], channel: channel, to: &writer) }
        }
    }

    /// Appends a method frame without building a `Frame` value (the publish path uses this).
    public static func writeMethod<M: MethodPayload>(_ method: M, channel: UInt16, to writer: inout ByteWriter)
        throws(WireError)
    {
        try writeFrame(.method, channel: channel, to: &writer) { (writer: inout ByteWriter) throws(WireError) in
            writer.writeInteger(M.classID)
            writer.writeInteger(M.methodID)
            try method.encode(to: &writer)
        }
    }

    /// Appends a content header frame.
    public static func writeHeader(_ header: ContentHeader, channel: UInt16, to writer: inout ByteWriter)
        throws(WireError)
    {
        try writeFrame(.header, channel: channel, to: &writer) { (writer: inout ByteWriter) throws(WireError) in
            try header.encode(to: &writer)
        }
    }

    /// Appends one content header frame for a body of `bodySize` bytes (without building a
    /// `ContentHeader`, which would copy the properties).
    public static func writeHeader(
        bodySize: UInt64, properties: BasicProperties, channel: UInt16, to writer: inout ByteWriter
    ) throws(WireError) {
        try writeFrame(.header, channel: channel, to: &writer) { (writer: inout ByteWriter) throws(WireError) in
            try ContentHeader.encode(bodySize: bodySize, properties: properties, to: &writer)
        }
    }

    /// Appends one body frame holding `bytes`.
    public static func writeBody(_ bytes: ArraySlice<UInt8>, channel: UInt16, to writer: inout ByteWriter) {
        writer.writeInteger(Kind.body.rawValue)
        writer.writeInteger(channel)
        writer.writeInteger(UInt32(bytes.count))
        writer.writeBytes(bytes)
        writer.writeInteger(end)
    }

    /// Appends a heartbeat frame.
    public static func writeHeartbeat(to writer: inout ByteWriter) {
        writer.writeBytes([Kind.heartbeat.rawValue, 0, 0, 0, 0, 0, 0, end])
    }

    @inline(__always)
    private static func writeFrame<E: Error>(
        _ kind: Kind, channel: UInt16, to writer: inout ByteWriter, payload: (inout ByteWriter) throws(E) -> Void
    ) throws(E) {
        writer.writeInteger(kind.rawValue)
        writer.writeInteger(channel)
        try writer.writeLengthPrefixed(payload)
        writer.writeInteger(end)
    }
}
