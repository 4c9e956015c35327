import AMQPWire
import TestSupport
import Testing

/// Thousands of seeded random inputs: whatever they hold, the decoders answer with a value, nil
/// (incomplete) or a `WireError`, and never trap. The seed is fixed so a failure repeats.
@Suite("Random input")
struct RandomInputTests {
    /// Every (class, method) id pair the codec knows, so random frames reach the argument decoders.
    static let ids: [[UInt8]] = MethodVector.all.map { Array($0.payload[0..<4]) }

    @Test("random bytes as a frame stream")
    func randomBytes() {
        var random = SeededGenerator(seed: 0x6D71_0001)
        var failures: [String] = []
        for _ in 0..<3000 {
            let bytes = (0..<Int.random(in: 0..<48, using: &random)).map { _ in
                UInt8.random(in: 0...255, using: &random)
            }
            if let failure = Self.decodeStream(bytes) { failures.append(failure) }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }

    @Test("random payloads in well-formed frame envelopes")
    func randomPayloads() {
        var random = SeededGenerator(seed: 0x6D71_0002)
        var failures: [String] = []
        for _ in 0..<3000 {
            let type = [UInt8(1), 2, 3, 8].randomElement(using: &random)!
            var payload: [UInt8] = []
            switch type {
            case 1: payload = Self.ids.randomElement(using: &random)!
            case 2: payload = hex("003c 0000") + Self.randomBytes(8, using: &random)
            default: break
            }
            payload += Self.randomBytes(Int.random(in: 0..<40, using: &random), using: &random)
            let channel = UInt16.random(in: 0...2, using: &random)
            if let failure = Self.decodeStream(frameBytes(type: type, channel: channel, payload)) {
                failures.append(failure)
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }

    @Test("golden frames with random bytes changed, cut or added")
    func mutatedVectors() {
        var random = SeededGenerator(seed: 0x6D71_0003)
        let frames =
            MethodVector.all.map { frameBytes(type: 1, channel: 1, $0.payload) }
            // Content headers: headers alone (flag 0x2000) with the every-type table, and all 14 properties.
            + [hex("2000") + FieldTableTests.everyTypeBytes, PropertiesTests.allBytes].map {
                frameBytes(type: 2, channel: 1, hex("003c 0000 0000000000000000") + $0)
            }
        var failures: [String] = []
        for _ in 0..<3000 {
            var bytes = frames.randomElement(using: &random)!
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let index = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes[index] = UInt8.random(in: 0...255, using: &random)
                case 1: bytes.remove(at: index)
                default: bytes.insert(UInt8.random(in: 0...255, using: &random), at: index)
                }
            }
            if let failure = Self.decodeStream(bytes) { failures.append(failure) }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }

    @Test("random bytes as tables, values and properties")
    func randomStructures() {
        var random = SeededGenerator(seed: 0x6D71_0004)
        var failures: [String] = []
        let tags = Array("tbBsuIilfdDSATFVx".utf8)
        for _ in 0..<3000 {
            var bytes = Self.randomBytes(Int.random(in: 0..<64, using: &random), using: &random)
            // Mostly-known tags and small lengths reach deeper than uniform noise.
            if !bytes.isEmpty { bytes[0] = tags.randomElement(using: &random)! }
            let decoders: [(inout ByteReader) throws -> Void] = [
                { _ = try FieldValue.decode(from: &$0) },
                { _ = try FieldTable.decode(from: &$0) },
                { _ = try BasicProperties.decode(from: &$0) },
                { _ = try ContentHeader.decode(from: &$0) },
            ]
            for decode in decoders {
                var reader = ByteReader(bytes)
                do {
                    try decode(&reader)
                } catch is WireError {
                } catch {
                    failures.append("\(hexDump(bytes)): \(error)")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }

    private static func randomBytes(_ count: Int, using random: inout SeededGenerator) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
    }

    /// Decodes frames from `bytes` until nil or an error; a description of anything that breaks
    /// the contract (a nil that moved the reader; that only `WireError` is thrown, the type checks).
    private static func decodeStream(_ bytes: [UInt8]) -> String? {
        var reader = ByteReader(bytes)
        do {
            while true {
                let before = reader.position
                guard try Frame.decode(from: &reader, maxFrameSize: 4096) != nil else {
                    return reader.position == before ? nil : "\(hexDump(bytes)): nil moved the reader"
                }
            }
        } catch {
            // Frame.decode throws WireError and nothing else (typed throws): any error keeps the contract.
            return nil
        }
    }
}
