import AMQPWire
import TestSupport
import Testing

/// Methods of every class (spec 4.2.4 and the class reference), against the vectors in
/// `MethodVectors/`.
@Suite("Methods")
struct MethodTests {
    @Test("every method encodes to the spec's bytes", arguments: MethodVector.all)
    func encodes(_ vector: MethodVector) throws {
        let frame = try encoded { try Frame.method(channel: 1, vector.method).encode(to: &$0) }
        expectBytes(frame, frameBytes(type: 1, channel: 1, vector.payload))
        expectBytes(try encoded { try vector.method.payload.encode(to: &$0) }, Array(vector.payload.dropFirst(4)))
    }

    @Test("every method decodes from the spec's bytes, however they arrive", arguments: MethodVector.all)
    func decodes(_ vector: MethodVector) throws {
        try expectFrames(frameBytes(type: 1, channel: 1, vector.payload), [.method(channel: 1, vector.method)])
        try expectFrames(frameBytes(type: 1, channel: 513, vector.payload), [.method(channel: 513, vector.method)])
        let classID = UInt16(vector.payload[0]) << 8 | UInt16(vector.payload[1])
        let methodID = UInt16(vector.payload[2]) << 8 | UInt16(vector.payload[3])
        try expectDecodes(Array(vector.payload.dropFirst(4)), as: vector.method) {
            try Method.decode(classID: classID, methodID: methodID, from: &$0)
        }
    }

    @Test("class and method ids and names agree with the spec", arguments: MethodVector.all)
    func identity(_ vector: MethodVector) {
        let ids = type(of: vector.method.payload)
        #expect(
            vector.payload[0...3] == [
                UInt8(ids.classID >> 8), UInt8(ids.classID & 0xFF), UInt8(ids.methodID >> 8),
                UInt8(ids.methodID & 0xFF),
            ])
        #expect(Method.name(classID: ids.classID, methodID: ids.methodID) == vector.method.name)
    }

    @Test("the vectors cover all 64 methods of the classes the client speaks")
    func coverage() {
        let names = Set(MethodVector.all.map(\.method.name))
        #expect(names.count == MethodVector.all.count)
        // connection 14, channel 6, exchange 8, queue 10, basic 18, confirm 2, tx 6.
        #expect(names.count == 64)
        for name in ["connection.blocked", "exchange.unbind-ok", "basic.nack", "confirm.select-ok"] {
            #expect(names.contains(name))
        }
        #expect(Method.name(classID: 30, methodID: 10) == nil)  // access.request: not spoken
    }

    @Test("queue.declare packs its five bits into one octet, the first in the lowest bit")
    func queueDeclareBits() throws {
        // ticket 0 | queue "q" | flag octet | empty arguments table.
        let cases: [(QueueDeclare, String)] = [
            (QueueDeclare(queue: "q", passive: true), "01"),
            (QueueDeclare(queue: "q", durable: true), "02"),
            (QueueDeclare(queue: "q", exclusive: true), "04"),
            (QueueDeclare(queue: "q", autoDelete: true), "08"),
            (QueueDeclare(queue: "q", noWait: true), "10"),
            (
                QueueDeclare(queue: "q", passive: true, durable: true, exclusive: true, autoDelete: true, noWait: true),
                "1f"
            ),
            (QueueDeclare(queue: "q"), "00"),
        ]
        for (method, octet) in cases {
            let bytes = hex("0000 | 01 'q' | \(octet) | 00000000")
            expectBytes(try encoded { try method.encode(to: &$0) }, bytes)
            var reader = ByteReader(bytes)
            #expect(try QueueDeclare(decoding: &reader) == method)
        }
    }

    @Test("exchange.declare packs passive, durable, auto-delete, internal and no-wait in that order")
    func exchangeDeclareBits() throws {
        // ticket 0 | exchange "x" | type "topic" | flag octet | empty arguments table.
        let cases: [(ExchangeDeclare, String)] = [
            (ExchangeDeclare(exchange: "x", type: "topic", passive: true), "01"),
            (ExchangeDeclare(exchange: "x", type: "topic", durable: true), "02"),
            (ExchangeDeclare(exchange: "x", type: "topic", autoDelete: true), "04"),
            (ExchangeDeclare(exchange: "x", type: "topic", internal: true), "08"),
            (ExchangeDeclare(exchange: "x", type: "topic", noWait: true), "10"),
        ]
        for (method, octet) in cases {
            let bytes = hex("0000 | 01 'x' | 05 'topic' | \(octet) | 00000000")
            expectBytes(try encoded { try method.encode(to: &$0) }, bytes)
            var reader = ByteReader(bytes)
            #expect(try ExchangeDeclare(decoding: &reader) == method)
        }
    }

    @Test("basic.consume packs no-local, no-ack, exclusive and no-wait in that order")
    func basicConsumeBits() throws {
        // ticket 0 | queue "q" | consumer-tag "" | flag octet | empty arguments table.
        let cases: [(BasicConsume, String)] = [
            (BasicConsume(queue: "q", noLocal: true), "01"),
            (BasicConsume(queue: "q", noAck: true), "02"),
            (BasicConsume(queue: "q", exclusive: true), "04"),
            (BasicConsume(queue: "q", noWait: true), "08"),
        ]
        for (method, octet) in cases {
            let bytes = hex("0000 | 01 'q' | 00 | \(octet) | 00000000")
            expectBytes(try encoded { try method.encode(to: &$0) }, bytes)
            var reader = ByteReader(bytes)
            #expect(try BasicConsume(decoding: &reader) == method)
        }
    }

    @Test("methods built without arguments carry the spec's default values")
    func defaults() throws {
        let cases: [(any MethodPayload, String)] = [
            // version 0-9, empty server-properties, mechanisms "PLAIN", locales "en_US".
            (ConnectionStart(), "00 09 | 00000000 | 00000005 'PLAIN' | 00000005 'en_US'"),
            // empty client-properties, mechanism "PLAIN", empty response, locale "en_US".
            (ConnectionStartOk(), "00000000 | 05 'PLAIN' | 00000000 | 05 'en_US'"),
            // virtual-host "/", then the reserved capabilities and insist.
            (ConnectionOpen(), "01 '/' | 00 | 00"),
            // type "direct", no flags, empty arguments.
            (ExchangeDeclare(exchange: "x"), "0000 | 01 'x' | 06 'direct' | 00 | 00000000"),
            // requeue defaults to true (bit 0).
            (BasicReject(deliveryTag: 1), "0000000000000001 | 01"),
            // multiple false (bit 0), requeue true (bit 1).
            (BasicNack(deliveryTag: 1), "0000000000000001 | 02"),
        ]
        for (method, arguments) in cases {
            expectBytes(try encoded { try method.encode(to: &$0) }, hex(arguments))
        }
    }

    @Test("a short string of 255 bytes encodes; 256 is too long")
    func shortStringLimit() throws {
        let longest = String(repeating: "q", count: 255)
        let bytes = try encoded { try QueuePurge(queue: longest).encode(to: &$0) }
        expectBytes(bytes, hex("0000 ff") + Array(longest.utf8) + [0x00])

        let error = #expect(throws: WireError.valueTooLong(.argument(QueuePurge.id, "queue"), length: 256)) {
            try encoded { try QueuePurge(queue: longest + "q").encode(to: &$0) }
        }
        #expect(error?.replyCode == .syntaxError)
    }
}
