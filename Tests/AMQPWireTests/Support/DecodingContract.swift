import AMQPWire
import TestSupport
import Testing

/// The codec contract every decoder is held to (STYLE.md rule 7): the same result whether the
/// bytes arrive whole, one at a time, or split in two at any offset; nil and no bytes consumed
/// while a frame is incomplete.

/// Checks that `bytes` decode as exactly `expected`, fed whole, one byte at a time and split at
/// every offset, and that no incomplete prefix yields a frame or moves the reader.
func expectFrames(
    _ bytes: [UInt8], _ expected: [Frame], maxFrameSize: UInt32 = 131_072,
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let whole = try decodeStream([bytes[...]], maxFrameSize: maxFrameSize, sourceLocation: sourceLocation)
    #expect(whole == expected, "fed whole", sourceLocation: sourceLocation)

    let bytewise = try decodeStream(bytes.map { [$0][...] }, maxFrameSize: maxFrameSize, sourceLocation: sourceLocation)
    #expect(bytewise == expected, "fed one byte at a time", sourceLocation: sourceLocation)

    var badOffsets: [Int] = []
    for offset in 0...bytes.count {
        let split = try decodeStream(
            [bytes[..<offset], bytes[offset...]], maxFrameSize: maxFrameSize, sourceLocation: sourceLocation)
        if split != expected { badOffsets.append(offset) }
    }
    #expect(badOffsets.isEmpty, "split at offsets \(badOffsets) decodes differently", sourceLocation: sourceLocation)
}

/// Decodes frames the way a connection does: append each chunk to a buffer, decode every
/// complete frame, keep the rest for the next chunk.
private func decodeStream(
    _ chunks: [ArraySlice<UInt8>], maxFrameSize: UInt32, sourceLocation: SourceLocation
) throws -> [Frame] {
    var buffer: [UInt8] = []
    var frames: [Frame] = []
    for chunk in chunks {
        buffer.append(contentsOf: chunk)
        var reader = ByteReader(buffer)
        while true {
            let before = reader.position
            guard let frame = try Frame.decode(from: &reader, maxFrameSize: maxFrameSize) else {
                #expect(
                    reader.position == before, "an incomplete frame moved the reader", sourceLocation: sourceLocation)
                break
            }
            #expect(reader.position > before, sourceLocation: sourceLocation)
            frames.append(frame)
        }
        buffer.removeFirst(reader.position)
    }
    #expect(buffer.isEmpty, "bytes left over: \(hexDump(buffer))", sourceLocation: sourceLocation)
    return frames
}

/// Checks a decoder that reads from a complete frame (and so throws rather than waits): the whole
/// input decodes to `expected` and consumes exactly its bytes, also when it sits between other
/// bytes in a larger buffer; every strict prefix throws `WireError.truncated`, never traps.
func expectDecodes<T: Equatable>(
    _ bytes: [UInt8], as expected: T, sourceLocation: SourceLocation = #_sourceLocation,
    _ decode: (inout ByteReader) throws -> T
) throws {
    var reader = ByteReader(bytes)
    #expect(try decode(&reader) == expected, sourceLocation: sourceLocation)
    #expect(reader.remaining == 0, "\(reader.remaining) bytes not read", sourceLocation: sourceLocation)

    let padding: [UInt8] = [0xAA, 0xBB, 0xCE]
    var embedded = ByteReader(padding + bytes + padding, start: padding.count, limit: padding.count + bytes.count)
    #expect(try decode(&embedded) == expected, "read from inside a larger buffer", sourceLocation: sourceLocation)
    #expect(embedded.remaining == 0, sourceLocation: sourceLocation)

    for length in 0..<bytes.count {
        // The prefix sits in front of more bytes that the reader's limit must keep it from using.
        var prefix = ByteReader(bytes + padding, limit: length)
        let error = #expect(throws: WireError.self, "prefix of \(length) bytes", sourceLocation: sourceLocation) {
            try decode(&prefix)
        }
        #expect(error?.isTruncated == true, "prefix of \(length) bytes", sourceLocation: sourceLocation)
    }
}

/// Checks that `actual` is `expected`, showing both as hex when they differ.
func expectBytes(_ actual: [UInt8], _ expected: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(hexDump(actual) == hexDump(expected), sourceLocation: sourceLocation)
}

/// The bytes of one frame around `payload` (spec 4.2.3: type, channel, size, payload, frame-end),
/// assembled here so a vector can give just the payload.
func frameBytes(type: UInt8, channel: UInt16, _ payload: [UInt8]) -> [UInt8] {
    let size = UInt32(payload.count)
    return [type, UInt8(channel >> 8), UInt8(channel & 0xFF)]
        + [UInt8(size >> 24), UInt8((size >> 16) & 0xFF), UInt8((size >> 8) & 0xFF), UInt8(size & 0xFF)]
        + payload + [0xCE]
}

/// What our encoder writes for `body`.
func encoded(_ body: (inout ByteWriter) throws -> Void) rethrows -> [UInt8] {
    var writer = ByteWriter()
    try body(&writer)
    return writer.bytes
}
