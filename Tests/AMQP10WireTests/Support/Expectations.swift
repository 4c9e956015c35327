import AMQP10Wire
import TestSupport
import Testing

/// The codec contract every decoder is held to (STYLE.md rule 7): the same result whether the
/// bytes arrive whole, one at a time, or split in two at any offset; nil and no bytes consumed
/// while a frame or value is incomplete; an error only for bytes that are wrong.

/// Checks that `bytes` decode as exactly `expected`, fed whole, one byte at a time and split at
/// every offset, and that every prefix decodes to the frames it holds whole and then nil.
func expectFrames(
    _ bytes: [UInt8], _ expected: [Frame], maxFrameSize: UInt32 = .max,
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

    var badPrefixes: [Int] = []
    for length in 0..<bytes.count {
        // The prefix sits in front of the rest, which the reader's limit must keep it from using.
        var reader = ByteReader(bytes, limit: length)
        var frames: [Frame] = []
        while let frame = try Frame.decode(from: &reader, maxFrameSize: maxFrameSize) { frames.append(frame) }
        if frames.count >= expected.count || frames != Array(expected.prefix(frames.count)) {
            badPrefixes.append(length)
        }
    }
    #expect(badPrefixes.isEmpty, "prefixes of \(badPrefixes) bytes", sourceLocation: sourceLocation)
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

/// Checks that `bytes` are one value equal to `expected`: decoded whole (also from inside a
/// larger buffer), read whole, and that every strict prefix reads as nil without moving the
/// reader and decodes as `truncated`, never another error or a trap.
func expectValue(_ bytes: [UInt8], _ expected: Value, sourceLocation: SourceLocation = #_sourceLocation) throws {
    var reader = ByteReader(bytes)
    #expect(try Value.decode(from: &reader) == expected, sourceLocation: sourceLocation)
    #expect(reader.remaining == 0, "\(reader.remaining) bytes not read", sourceLocation: sourceLocation)

    let padding: [UInt8] = [0xAA, 0x40, 0x45]
    var embedded = ByteReader(padding + bytes + padding, start: padding.count, limit: padding.count + bytes.count)
    #expect(try Value.read(from: &embedded) == expected, "read inside a larger buffer", sourceLocation: sourceLocation)
    #expect(embedded.remaining == 0, sourceLocation: sourceLocation)

    for length in 0..<bytes.count {
        var prefix = ByteReader(bytes + padding, limit: length)
        #expect(try Value.read(from: &prefix) == nil, "prefix of \(length) bytes", sourceLocation: sourceLocation)
        #expect(prefix.position == 0, "prefix of \(length) bytes moved the reader", sourceLocation: sourceLocation)
        let error = #expect(throws: WireError.self, "prefix of \(length) bytes", sourceLocation: sourceLocation) {
            try Value.decode(from: &prefix)
        }
        #expect(
            error?.isTruncated == true, "prefix of \(length) bytes: \(String(describing: error))",
            sourceLocation: sourceLocation)
    }
}

/// Checks that `bytes` are the canonical encoding of `value`: it decodes from them (as
/// `expectValue` checks) and encodes to exactly them.
func expectCanonical(_ bytes: [UInt8], _ value: Value, sourceLocation: SourceLocation = #_sourceLocation) throws {
    try expectValue(bytes, value, sourceLocation: sourceLocation)
    expectBytes(try encoded(value), bytes, sourceLocation: sourceLocation)
}

/// Checks that decoding `bytes` as one value throws exactly `expected`.
func expectValueError(_ bytes: [UInt8], _ expected: WireError, sourceLocation: SourceLocation = #_sourceLocation) {
    var reader = ByteReader(bytes)
    #expect(throws: expected, sourceLocation: sourceLocation) { try Value.decode(from: &reader) }
    var again = ByteReader(bytes)
    #expect(throws: expected, "read", sourceLocation: sourceLocation) { try Value.read(from: &again) }
}

/// Checks that `actual` is `expected`, showing both as hex when they differ.
func expectBytes(_ actual: [UInt8], _ expected: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(hexDump(actual) == hexDump(expected), sourceLocation: sourceLocation)
}

/// What our encoder writes for `value`.
func encoded(_ value: Value) throws -> [UInt8] {
    var writer = ByteWriter()
    try value.encode(to: &writer)
    return writer.bytes
}

/// What our encoder writes for `frame`.
func encoded(_ frame: Frame) throws -> [UInt8] {
    var writer = ByteWriter()
    try frame.encode(to: &writer)
    return writer.bytes
}

/// The bytes of one frame around `body` (spec 2.3.1: size, data offset 2, type, channel), so a
/// vector can give just the body.
func frameBytes(type: UInt8, channel: UInt16 = 0, _ body: [UInt8]) -> [UInt8] {
    let size = UInt32(8 + body.count)
    return [UInt8(size >> 24), UInt8((size >> 16) & 0xFF), UInt8((size >> 8) & 0xFF), UInt8(size & 0xFF)]
        + [2, type, UInt8(channel >> 8), UInt8(channel & 0xFF)] + body
}

extension WireError {
    /// True for `.truncated`, wherever the bytes ran out.
    var isTruncated: Bool {
        if case .truncated = self { true } else { false }
    }
}
