import TestSupport
import Testing

@testable import AMQP10Wire

@Suite("Headers and data sections read without the value tree, as the general codec reads them")
struct SectionDirectTests {
    /// A random header or data section.
    static func random(using generator: inout SeededGenerator) -> Section {
        func maybe<T>(_ value: T) -> T? { Bool.random(using: &generator) ? value : nil }
        if Bool.random(using: &generator) {
            let size = [0, 1, 255, 256, 70_000].randomElement(using: &generator) ?? 0
            return .data((0..<size).map { UInt8(truncatingIfNeeded: $0) })
        }
        let numbers: [UInt32] = [0, 1, 255, 256, UInt32.max]
        return .header(
            Header(
                durable: Bool.random(using: &generator), priority: UInt8.random(in: 0...9, using: &generator),
                ttl: maybe(numbers.randomElement(using: &generator) ?? 0),
                firstAcquirer: Bool.random(using: &generator),
                deliveryCount: numbers.randomElement(using: &generator) ?? 0))
    }

    @Test("2,000 random sections: the direct reader gives what the general one does, and moves as far")
    func sameAsGeneral() throws {
        var generator = SeededGenerator(seed: 3075)
        for _ in 0..<2000 {
            let section = Self.random(using: &generator)
            var writer = ByteWriter()
            try section.value.encode(to: &writer)
            var direct = ByteReader(writer.bytes + [0x40])
            let decoded = try #require(Section.decodeDirect(from: &direct), "\(section)")
            var general = ByteReader(writer.bytes + [0x40])
            #expect(decoded == (try Section(Value.decode(from: &general, .section("message")))))
            #expect(decoded == section && direct.position == general.position)
        }
    }

    @Test("a body written as a data section directly is what the general codec writes for it")
    func encodeData() throws {
        for size in [0, 1, 255, 256, 70_000] {
            let body = (0..<size).map { UInt8(truncatingIfNeeded: $0) }
            var general = ByteWriter()
            try Section.data(body).value.encode(to: &general)
            var direct = ByteWriter()
            Section.encodeData(body[...], to: &direct)
            #expect(direct.bytes == general.bytes, "\(size) bytes")
        }
    }

    @Test("a header RabbitMQ wrote, every field present, and one other encodings leave to the general reader")
    func shapes() throws {
        // RabbitMQ 4.0: durable false, priority null, ttl null, first-acquirer true, delivery-count 0.
        var rabbit = ByteReader([0x00, 0x53, 0x70, 0xC0, 0x06, 0x05, 0x42, 0x40, 0x40, 0x41, 0x43])
        #expect(Section.decodeDirect(from: &rabbit) == .header(Header(firstAcquirer: true)))
        #expect(rabbit.remaining == 0)
        let declined: [[UInt8]] = [
            [0x00, 0x53, 0x70, 0xC0, 0x03, 0x01, 0x56, 0x02],  // a boolean of 2
            [0x00, 0x53, 0x70, 0xC0, 0x03, 0x01, 0x54, 0x01],  // durable as an int
            [0x00, 0x53, 0x75, 0xA1, 0x01, 0x61],  // data as a string
            [0x00, 0x53, 0x75, 0xB0, 0x00, 0x00, 0x01, 0x00, 0x61],  // data longer than what is there
            [0x00, 0x53, 0x77, 0xA1, 0x01, 0x61],  // an amqp-value
        ]
        for bytes in declined {
            var reader = ByteReader(bytes)
            #expect(Section.decodeDirect(from: &reader) == nil, "\(bytes)")
            #expect(reader.position == 0)
        }
    }
}
