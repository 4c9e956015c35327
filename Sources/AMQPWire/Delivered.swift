/// A `basic.deliver` with its content (spec 4.2.6): the method, the content header's
/// properties and the body, decoded together from their three frames by
/// `Frame.decodeDelivery`.
public struct Delivered: Hashable, Sendable {
    public var deliver: BasicDeliver
    public var properties: BasicProperties
    public var body: [UInt8]

    public init(deliver: BasicDeliver, properties: BasicProperties, body: [UInt8]) {
        self.deliver = deliver
        self.properties = properties
        self.body = body
    }
}

extension Frame {
    /// A delivery whose three frames have all arrived (its `basic.deliver` method frame, its
    /// content header and one body frame holding the whole body, or none for an empty body, all
    /// on one channel), decoded in one pass as `.delivered`; nil, consuming nothing, when the
    /// next bytes are anything else.
    ///
    /// Nearly every message a consumer gets comes so, and taking its frames one at a time cost
    /// two thirds of the instructions of consuming it. Anything else (another frame, a delivery
    /// not wholly arrived, a body in several frames, bytes that are not well formed) is left to
    /// `decode`, which takes it frame by frame and reports what is wrong.
    public static func decodeDelivery(from reader: inout ByteReader, maxFrameSize: UInt32) -> Frame? {
        let bytes = reader.bytes
        let limit = reader.limit
        /// The frame of `kind` on `channel` at `start`: where its payload starts and ends.
        func frame(_ kind: Kind, at start: Int, channel: UInt16?) -> (channel: UInt16, payload: Range<Int>)? {
            guard limit - start >= 7 else { return nil }
            let (type, number, size) = bytes.withUnsafeBytes { raw in
                (
                    raw[start], UInt16(bigEndian: raw.loadUnaligned(fromByteOffset: start + 1, as: UInt16.self)),
                    Int(UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: start + 3, as: UInt32.self)))
                )
            }
            guard type == kind.rawValue, channel == nil || number == channel,
                maxFrameSize == 0 || size + overhead <= Int(maxFrameSize),
                limit - start - 7 > size, bytes[start + 7 + size] == end
            else { return nil }
            return (number, start + 7..<start + 7 + size)
        }
        guard let method = frame(.method, at: reader.position, channel: nil) else { return nil }
        var payload = ByteReader(bytes, start: method.payload.lowerBound, limit: method.payload.upperBound)
        payload.stringCache = reader.stringCache
        guard payload.readInteger(as: UInt16.self) == BasicDeliver.classID,
            payload.readInteger(as: UInt16.self) == BasicDeliver.methodID,
            let deliver = try? BasicDeliver(decoding: &payload), payload.remaining == 0,
            let header = frame(.header, at: method.payload.upperBound + 1, channel: method.channel)
        else { return nil }
        var headerReader = ByteReader(bytes, start: header.payload.lowerBound, limit: header.payload.upperBound)
        guard let content = try? ContentHeader.decode(from: &headerReader), headerReader.remaining == 0 else {
            return nil
        }
        var next = header.payload.upperBound + 1
        var body: [UInt8] = []
        if content.bodySize > 0 {
            guard let frame = frame(.body, at: next, channel: method.channel),
                UInt64(frame.payload.count) == content.bodySize
            else { return nil }
            body = Array(bytes[frame.payload])
            next = frame.payload.upperBound + 1
        }
        _ = reader.skip(next - reader.position)
        return .delivered(
            channel: method.channel, Delivered(deliver: deliver, properties: content.properties, body: body))
    }
}
