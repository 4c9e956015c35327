/// The eight bytes each side sends before its first frame, and again before the AMQP frames that
/// follow a SASL or TLS exchange (spec 2.2): `AMQP`, a protocol id, then version 1.0.0.
public enum ProtocolHeader: UInt8, Hashable, Sendable {
    /// Plain AMQP frames follow (protocol id 0).
    case amqp = 0
    /// A TLS handshake follows (protocol id 2, spec 5.2.1).
    case tls = 2
    /// SASL frames follow (protocol id 3, spec 5.3.1).
    case sasl = 3

    /// The header's bytes.
    public var bytes: [UInt8] { Array("AMQP".utf8) + [rawValue, 1, 0, 0] }

    /// Reads a protocol header, or returns nil (moving nothing) until all eight bytes arrived;
    /// throws `protocolHeader` with the bytes for anything else, such as the header a 0-9-1-only
    /// broker answers with (`AMQP\x00\x00\x09\x01`).
    public static func decode(from reader: inout ByteReader) throws(WireError) -> ProtocolHeader? {
        var peek = reader
        guard let bytes = peek.readBytes(8) else { return nil }
        guard bytes[0..<4].elementsEqual("AMQP".utf8), bytes[5...] == [1, 0, 0],
            let header = ProtocolHeader(rawValue: bytes[4])
        else { throw .protocolHeader(bytes) }
        reader = peek
        return header
    }
}
