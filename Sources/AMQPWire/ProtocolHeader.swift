/// The eight octets that open an AMQP connection (spec 4.2.2).
public enum ProtocolHeader {
    /// `AMQP` 0 0 9 1: the header for AMQP 0-9-1.
    public static let bytes: [UInt8] = Array("AMQP".utf8) + [0, 0, 9, 1]

    /// The version a server announces when it refuses ours (it sends its own header and closes),
    /// as `major-minor-revision`, or nil when `bytes` is not a protocol header.
    public static func version(in bytes: ArraySlice<UInt8>) -> String? {
        guard bytes.count >= 8, bytes.prefix(4).elementsEqual("AMQP".utf8) else { return nil }
        let start = bytes.startIndex
        return "\(bytes[start + 5])-\(bytes[start + 6])-\(bytes[start + 7])"
    }
}
