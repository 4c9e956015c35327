import AMQPWire

/// libFuzzer target: the field-table decoder (spec 4.2.5.5), which reads broker-sent headers,
/// queue arguments and server properties.
///
/// A table it accepts must encode, and decode from that encoding to a table that encodes to the
/// same bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFieldTable(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    var reader = ByteReader(bytes)
    guard let table = try? FieldTable.decode(from: &reader) else { return 0 }
    let once = encode(table)
    var again = ByteReader(once)
    guard let table2 = try? FieldTable.decode(from: &again), again.remaining == 0 else {
        fatalError("an encoded \(table) did not decode")
    }
    guard encode(table2) == once else { fatalError("\(table) changed in an encode-decode round trip") }
    return 0
}

private func encode(_ table: FieldTable) -> [UInt8] {
    var writer = ByteWriter()
    do { try table.encode(to: &writer) } catch { fatalError("a decoded \(table) did not encode: \(error)") }
    return writer.bytes
}
