/// The frames every published message starts with (spec 4.2.6): its `basic.publish` method frame
/// and its content header frame, encoded once for a destination and properties and copied for
/// each message to them, with the body size written in.
///
/// A stream of messages to one place with the same properties (the lines of a file) pays for
/// encoding the names and properties once, not once per message. A class, so that handing it on
/// for each message costs one reference rather than a copy of every field.
public final class PublishHead {
    public let channel: UInt16
    public let exchange: String
    public let routingKey: String
    public let mandatory: Bool
    public let properties: BasicProperties
    /// The method frame, then the header frame with a body size of zero.
    @usableFromInline let bytes: [UInt8]
    /// Where the header's 64-bit body size lies in `bytes`.
    @usableFromInline let bodySizeOffset: Int

    /// Where encoding a head failed: the method (a name too long) or the properties.
    public enum Failure: Error {
        case method(WireError)
        case properties(WireError)
    }

    /// Encodes the head of messages published on `channel` to `exchange` with `routingKey`.
    public init(channel: UInt16, exchange: String, routingKey: String, mandatory: Bool, properties: BasicProperties)
        throws(Failure)
    {
        var writer = ByteWriter(capacity: 256)
        do {
            try Frame.writeMethod(
                BasicPublish(exchange: exchange, routingKey: routingKey, mandatory: mandatory), channel: channel,
                to: &writer)
        } catch {
            throw .method(error)
        }
        // The header frame: type (1), channel (2), size (4), class id (2), weight (2), body size.
        let headerStart = writer.count
        do {
            try Frame.writeHeader(bodySize: 0, properties: properties, channel: channel, to: &writer)
        } catch {
            throw .properties(error)
        }
        self.channel = channel
        self.exchange = exchange
        self.routingKey = routingKey
        self.mandatory = mandatory
        self.properties = properties
        bytes = writer.bytes
        bodySizeOffset = headerStart + 11
    }

    /// True when this head is the one for messages published so (cheap when the strings and
    /// properties are the very ones it was made from).
    @inlinable
    public func matches(
        channel: UInt16, exchange: String, routingKey: String, mandatory: Bool, properties: BasicProperties
    ) -> Bool {
        self.channel == channel && self.mandatory == mandatory && self.routingKey == routingKey
            && self.exchange == exchange
            && self.properties == properties
    }
}

extension Frame {
    /// Appends `head` for a body of `bodySize` bytes; the body frames follow (`writeBody`).
    public static func writeHead(_ head: PublishHead, bodySize: Int, to writer: inout ByteWriter) {
        let start = writer.advance(by: head.bytes.count)
        writer.storage.withUnsafeMutableBytes { buffer in
            let base = buffer.baseAddress! + start
            head.bytes.withUnsafeBytes { base.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
            base.storeBytes(of: UInt64(bodySize).bigEndian, toByteOffset: head.bodySizeOffset, as: UInt64.self)
        }
    }

    /// Appends a whole message: `head`, then `body` in body frames of at most `maxFrameSize`
    /// bytes (0: no limit). One reservation and one pass over the buffer: this runs for every
    /// published message.
    public static func writeMessage(
        _ head: PublishHead, body: UnsafeRawBufferPointer, maxFrameSize: UInt32, to writer: inout ByteWriter
    ) {
        let largest = maxFrameSize == 0 ? max(body.count, 1) : Int(maxFrameSize) - overhead
        let frames = (body.count + largest - 1) / largest
        let start = writer.advance(by: head.bytes.count + body.count + frames * overhead)
        writer.storage.withUnsafeMutableBytes { buffer in
            let base = buffer.baseAddress! + start
            head.bytes.withUnsafeBytes { base.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
            base.storeBytes(of: UInt64(body.count).bigEndian, toByteOffset: head.bodySizeOffset, as: UInt64.self)
            var at = head.bytes.count
            var from = 0
            while from < body.count {
                let size = min(largest, body.count - from)
                base.storeBytes(of: Kind.body.rawValue, toByteOffset: at, as: UInt8.self)
                base.storeBytes(of: head.channel.bigEndian, toByteOffset: at + 1, as: UInt16.self)
                base.storeBytes(of: UInt32(size).bigEndian, toByteOffset: at + 3, as: UInt32.self)
                (base + at + 7).copyMemory(from: body.baseAddress! + from, byteCount: size)
                base.storeBytes(of: end, toByteOffset: at + 7 + size, as: UInt8.self)
                at += size + overhead
                from += size
            }
        }
    }
}
