import AMQP10Wire

/// libFuzzer target: the AMQP 1.0 frame decoder, fed the input as a connection's read buffer,
/// and the message decoder, fed each transfer's payload.
///
/// Besides not crashing, every frame it accepts must keep the codec contract: the same bytes less
/// the last one are "not arrived yet" (nil, not an error), and encoding the frame then decoding
/// that gives a frame that encodes to the same bytes; the same round trip holds for messages.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAMQP10Frame(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    var reader = ByteReader(bytes)
    while true {
        let start = reader.position
        let frame: Frame
        do {
            guard let decoded = try Frame.decode(from: &reader) else { return 0 }
            frame = decoded
        } catch {
            return 0
        }
        var short = ByteReader(bytes, start: start, limit: reader.position - 1)
        do {
            let partial = try Frame.decode(from: &short)
            guard partial == nil else { fatalError("a frame less its last byte decoded") }
        } catch {
            fatalError("a frame less its last byte was an error (\(error)), not incomplete")
        }
        let once = encode { try frame.encode(to: &$0) }
        var again = ByteReader(once)
        guard let redecoded = try? Frame.decode(from: &again), again.remaining == 0 else {
            fatalError("an encoded \(frame) did not decode")
        }
        guard encode({ try redecoded.encode(to: &$0) }) == once else {
            fatalError("\(frame) changed in an encode-decode round trip")
        }
        if case .amqp(_, .transfer, let payload) = frame { checkMessage(payload) }
    }
}

/// Decodes `payload` as a message and, when it is one, checks its encode-decode round trip.
private func checkMessage(_ payload: [UInt8]) {
    guard let message = try? Message(payload: payload) else { return }
    let once = encode { try message.encode(to: &$0) }
    guard let redecoded = try? Message(payload: once) else { fatalError("an encoded message did not decode") }
    guard encode({ try redecoded.encode(to: &$0) }) == once else {
        fatalError("a message changed in an encode-decode round trip")
    }
}

/// What `body` writes; decoded values always encode, so an error here is a bug.
private func encode(_ body: (inout ByteWriter) throws -> Void) -> [UInt8] {
    var writer = ByteWriter()
    do { try body(&writer) } catch { fatalError("a decoded value did not encode: \(error)") }
    return writer.bytes
}
