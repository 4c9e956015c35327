import TestSupport
import Testing

@testable import AMQP10Wire

@Suite("Transfers read and written without the value tree, as the general codec does")
struct TransferDirectTests {
    /// The transfer as the general codec writes it.
    static func general(_ transfer: Transfer) throws -> [UInt8] {
        var writer = ByteWriter()
        try transfer.fieldValue.encode(to: &writer)
        return writer.bytes
    }

    /// A random transfer, of the common shape or not.
    static func random(using generator: inout SeededGenerator) -> Transfer {
        func maybe<T>(_ value: T) -> T? { Bool.random(using: &generator) ? value : nil }
        let numbers: [UInt32] = [0, 1, 255, 256, 65_535, UInt32.max]
        func number() -> UInt32 { numbers.randomElement(using: &generator) ?? 0 }
        var transfer = Transfer(
            handle: number(), deliveryID: maybe(number()),
            deliveryTag: maybe((0..<Int.random(in: 0...300, using: &generator)).map { UInt8(truncatingIfNeeded: $0) }),
            messageFormat: maybe(number()), settled: maybe(Bool.random(using: &generator)),
            more: Bool.random(using: &generator))
        if Int.random(in: 0..<8, using: &generator) == 0 { transfer.state = .accepted }
        if Int.random(in: 0..<8, using: &generator) == 0 { transfer.aborted = true }
        if Int.random(in: 0..<8, using: &generator) == 0 { transfer.rcvSettleMode = .second }
        return transfer
    }

    @Test("4,000 random transfers: the direct bytes are the general codec's, and read back the same by both")
    func sameAsGeneral() throws {
        var generator = SeededGenerator(seed: 30)
        var direct = 0
        for _ in 0..<4000 {
            let transfer = Self.random(using: &generator)
            let expected = try Self.general(transfer)
            var writer = ByteWriter()
            if transfer.encodeDirect(to: &writer) {
                direct += 1
                #expect(writer.bytes == expected, "\(transfer)")
            } else {
                #expect(writer.bytes.isEmpty, "nothing written when the direct path declines")
            }
            var reader = ByteReader(expected + [0xAB])
            let decoded = Transfer.decodeDirect(from: &reader)
            var general = ByteReader(expected)
            let generalDecoded = try Transfer(
                fieldValue: try Value.decode(from: &general, .performative), .performative)
            if let decoded {
                #expect(decoded == generalDecoded)
                #expect(reader.remaining == 1, "moved past the transfer, not the payload")
            } else {
                #expect(reader.position == 0, "nothing moved when the direct path declines")
            }
        }
        #expect(direct > 1000, "the common shape takes the direct path")
    }

    @Test("RabbitMQ's transfer, with every field written out, nulls and all, is read directly")
    func rabbitMQShape() throws {
        // As RabbitMQ 4.0 sent it: handle 0, delivery-id 0, a 4-byte tag, format 0, not settled,
        // then six nulls.
        let bytes: [UInt8] = [
            0x00, 0x53, 0x14, 0xC0, 0x11, 0x0B, 0x43, 0x43, 0xA0, 0x04, 0x00, 0x00, 0x52, 0xA6, 0x43, 0x42, 0x40, 0x40,
            0x40, 0x40, 0x40, 0x40,
        ]
        var reader = ByteReader(bytes)
        let direct = try #require(Transfer.decodeDirect(from: &reader))
        var general = ByteReader(bytes)
        #expect(direct == (try Transfer(fieldValue: try Value.decode(from: &general, .performative), .performative)))
        #expect(direct.deliveryTag == [0, 0, 0x52, 0xA6] && direct.settled == false && reader.remaining == 0)
    }

    @Test("what the direct reader declines (another type, a null handle, a wrong size) is left to the general one")
    func declines() {
        let malformed: [[UInt8]] = [
            [0x00, 0x53, 0x14, 0xC0, 0x02, 0x01, 0x40],  // a null handle
            [0x00, 0x53, 0x14, 0xC0, 0x03, 0x01, 0x43],  // the size says more than the list holds
            [0x00, 0x53, 0x14, 0xC0, 0x03, 0x01, 0x81, 0x00],  // a long handle
            [0x00, 0x53, 0x13, 0xC0, 0x02, 0x01, 0x43],  // a flow, not a transfer
            [0x00, 0x53, 0x14, 0xC0, 0x03, 0x02, 0x43, 0x56],  // a boolean cut short
            [0x00, 0x53, 0x14, 0xC0, 0x09, 0x08, 0x43, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x41],  // resume
        ]
        for bytes in malformed {
            var reader = ByteReader(bytes)
            #expect(Transfer.decodeDirect(from: &reader) == nil, "\(bytes)")
            #expect(reader.position == 0)
        }
    }
}
