/// The first 12 bytes of a load test message, in the layout PerfTest and omq use: a 32-bit
/// sequence number (bytes 0-3) and a 64-bit send time (bytes 4-11), both big-endian. The time is
/// nanoseconds since 1970, or milliseconds with `--use-millis` (as PerfTest's option of that name).
struct BenchPayload: Equatable, Sendable {
    /// The size of the stamp, the smallest body a load test message may have.
    static let size = 12

    var sequence: UInt32
    var timestamp: Int64

    /// Writes the stamp over the first 12 bytes of `body`.
    func write(into body: inout [UInt8]) {
        for shift in 0..<4 { body[shift] = UInt8(truncatingIfNeeded: sequence >> UInt32(24 - 8 * shift)) }
        for shift in 0..<8 { body[4 + shift] = UInt8(truncatingIfNeeded: timestamp >> Int64(56 - 8 * shift)) }
    }

    /// The stamp at the start of `body`; nil for a body shorter than 12 bytes.
    init?(reading body: some Collection<UInt8>) {
        guard body.count >= Self.size else { return nil }
        var sequence: UInt32 = 0
        var timestamp: Int64 = 0
        for (offset, byte) in body.prefix(Self.size).enumerated() {
            if offset < 4 { sequence = sequence << 8 | UInt32(byte) } else { timestamp = timestamp << 8 | Int64(byte) }
        }
        self.init(sequence: sequence, timestamp: timestamp)
    }

    init(sequence: UInt32, timestamp: Int64) {
        self.sequence = sequence
        self.timestamp = timestamp
    }
}
