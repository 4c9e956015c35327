import AMQP10Wire
import TestSupport
import Testing

/// Thousands of seeded random inputs: whatever they hold, the decoders answer with a value, nil
/// (incomplete) or a `WireError`, and never trap; what they accept re-encodes to bytes that
/// decode to the same. The seed is fixed so a failure repeats.
@Suite("Random input")
struct RandomInputTests {
    /// The descriptor codes of the performatives and SASL frames, so random bodies reach their fields.
    static let descriptors: [UInt8] = Array(0x10...0x18) + Array(0x40...0x44)

    @Test("random bytes as a frame stream")
    func randomBytes() {
        var random = SeededGenerator(seed: 0x6D71_1001)
        var failures: [String] = []
        for _ in 0..<3000 {
            let bytes = Self.randomBytes(Int.random(in: 0..<48, using: &random), using: &random)
            if let failure = Self.check(bytes) { failures.append(failure) }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }

    @Test("random lists under performative descriptors in well-formed frames")
    func randomBodies() {
        var random = SeededGenerator(seed: 0x6D71_1002)
        var failures: [String] = []
        for _ in 0..<5000 {
            let descriptor = Self.descriptors.randomElement(using: &random)!
            let fields = Self.randomValues(Int.random(in: 0..<12, using: &random), using: &random)
            var writer = ByteWriter()
            // Well-typed elements are rare at random: mostly nulls, some uints, booleans, strings.
            try? Value.list(fields).encode(to: &writer)
            var body = hex("00 53") + [descriptor] + writer.bytes
            if Bool.random(using: &random) {
                body += Self.randomBytes(Int.random(in: 0..<8, using: &random), using: &random)
            }
            let type: UInt8 = descriptor >= 0x40 ? 1 : 0
            if let failure = Self.check(frameBytes(type: type, channel: 1, body)) { failures.append(failure) }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }

    @Test("golden frames with random bytes changed, cut or added")
    func mutatedVectors() {
        var random = SeededGenerator(seed: 0x6D71_1003)
        let frames =
            PerformativeTests.vectors.map { frameBytes(type: 0, channel: 1, $0.body) }
            + SASLTests.vectors.map { frameBytes(type: 1, $0.body) }
            + [frameBytes(type: 0, hex("00 53 14 c0 05 03 43 43 a0 00") + MessageTests.bytes)]
        var failures: [String] = []
        for _ in 0..<5000 {
            var bytes = frames.randomElement(using: &random)!
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let index = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes[index] = UInt8.random(in: 0...255, using: &random)
                case 1: bytes.remove(at: index)
                default: bytes.insert(UInt8.random(in: 0...255, using: &random), at: index)
                }
            }
            if let failure = Self.check(bytes) { failures.append(failure) }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }

    @Test("random payloads as messages")
    func randomMessages() {
        var random = SeededGenerator(seed: 0x6D71_1004)
        var failures: [String] = []
        for _ in 0..<3000 {
            var payload = MessageTests.bytes
            let index = Int.random(in: 0..<payload.count, using: &random)
            payload[index] = UInt8.random(in: 0...255, using: &random)
            if Bool.random(using: &random) { payload = Self.randomBytes(index, using: &random) }
            guard let message = try? Message(payload: payload) else { continue }
            do {
                var writer = ByteWriter()
                try message.encode(to: &writer)
                var again = ByteWriter()
                try Message(payload: writer.bytes).encode(to: &again)
                if again.bytes != writer.bytes { failures.append("re-encoding changed \(hexDump(payload))") }
            } catch {
                failures.append("\(error) re-encoding \(hexDump(payload))")
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }

    /// Decodes `bytes` as a frame stream; describes what broke the codec contract, if anything.
    static func check(_ bytes: [UInt8]) -> String? {
        var reader = ByteReader(bytes)
        while true {
            let start = reader.position
            let frame: Frame
            do {
                guard let decoded = try Frame.decode(from: &reader) else {
                    return reader.position == start ? nil : "nil moved the reader: \(hexDump(bytes))"
                }
                frame = decoded
            } catch {
                return reader.position == start ? nil : "an error moved the reader: \(hexDump(bytes))"
            }
            var short = ByteReader(bytes, start: start, limit: reader.position - 1)
            do {
                if try Frame.decode(from: &short) != nil {
                    return "a frame less its last byte decoded: \(hexDump(bytes))"
                }
            } catch {
                return "a frame less its last byte was an error (\(error)), not incomplete: \(hexDump(bytes))"
            }
            do {
                let once = try encoded(frame)
                var again = ByteReader(once)
                guard let redecoded = try Frame.decode(from: &again), again.remaining == 0,
                    try encoded(redecoded) == once
                else { return "\(frame) did not survive an encode-decode round trip" }
            } catch {
                return "\(frame) failed to round-trip: \(error)"
            }
        }
    }

    static func randomBytes(_ count: Int, using random: inout SeededGenerator) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
    }

    static func randomValues(_ count: Int, using random: inout SeededGenerator) -> [Value] {
        (0..<count).map { _ in
            switch Int.random(in: 0..<8, using: &random) {
            case 0, 1, 2: .null
            case 3: .uint(UInt32.random(in: 0...300, using: &random))
            case 4: .boolean(Bool.random(using: &random))
            case 5: .string("s")
            case 6: .symbol("PLAIN")
            default: .binary(randomBytes(Int.random(in: 0..<3, using: &random), using: &random))
            }
        }
    }
}
