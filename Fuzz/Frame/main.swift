import AMQPWire

/// libFuzzer target: the frame decoder, fed the input as a connection's read buffer.
///
/// Besides not crashing, every frame it accepts must keep the codec contract: the same bytes less
/// the last one are "not arrived yet" (nil, not an error), and encoding the frame then decoding
/// that gives a frame that encodes to the same bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFrame(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    var reader = ByteReader(bytes)
    while true {
        let start = reader.position
        let frame: Frame
        do {
            guard let decoded = try Frame.decode(from: &reader, maxFrameSize: 0) else { return 0 }
            frame = decoded
        } catch {
            return 0
        }
        var short = ByteReader(bytes, start: start, limit: reader.position - 1)
        do {
            let partial = try Frame.decode(from: &short, maxFrameSize: 0)
            guard partial == nil else { fatalError("a frame less its last byte decoded") }
        } catch {
            fatalError("a frame less its last byte was an error (\(error)), not incomplete")
        }
        let once = encode(frame)
        var again = ByteReader(once)
        guard let redecoded = try? Frame.decode(from: &again, maxFrameSize: 0), again.remaining == 0 else {
            fatalError("an encoded \(frame) did not decode")
        }
        guard encode(redecoded) == once else { fatalError("\(frame) changed in an encode-decode round trip") }
    }
}

private func encode(_ frame: Frame) -> [UInt8] {
    var writer = ByteWriter()
    do { try frame.encode(to: &writer) } catch { fatalError("a decoded \(frame) did not encode: \(error)") }
    return writer.bytes
}
