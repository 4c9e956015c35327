import AMQP10Wire
import TestSupport
import Testing

/// Delivery states and outcomes (spec 3.4) and the terminus (spec 3.5), from hand-checked bytes.
///
/// The vectors were also read by python-qpid-proton 0.40's decoder, which took exactly their
/// bytes and found the values meant.
@Suite("Delivery states and terminus")
struct DeliveryStateTests {
    static let vectors: [(bytes: [UInt8], state: DeliveryState)] = [
        (hex("00 53 23 c0 05 02 52 01 53 0a"), .received(Received(sectionNumber: 1, sectionOffset: 10))),
        (hex("00 53 24 45"), .accepted),
        // rejected with an error whose list is condition alone: 1 + 16 bytes; the error 22.
        (
            hex("00 53 25 c0 17 01 | 00 53 1d c0 11 01 a3 0e 'amqp:not-found'"),
            .rejected(Rejected(error: AMQPError(condition: "amqp:not-found")))
        ),
        (hex("00 53 25 45"), .rejected(Rejected())),
        (hex("00 53 26 45"), .released),
        (hex("00 53 27 c0 02 01 41"), .modified(Modified(deliveryFailed: true))),
        // delivery-failed, not undeliverable-here, annotations {x-reason: "bad"}: 1 + 1 + 18 bytes.
        (
            hex("00 53 27 c0 15 03 41 42 c1 10 02 a3 08 'x-reason' a1 03 'bad'"),
            .modified(
                Modified(
                    deliveryFailed: true, undeliverableHere: false, messageAnnotations: [.symbol("x-reason"): "bad"]))
        ),
    ]

    @Test("each delivery state decodes from its bytes and encodes back to them")
    func vectors() throws {
        for (bytes, state) in Self.vectors {
            var reader = ByteReader(bytes)
            #expect(try DeliveryState(fieldValue: Value.decode(from: &reader), .value) == state)
            expectBytes(try encoded(state.fieldValue), bytes)
        }
    }

    @Test("a disposition carries its outcome; the symbolic descriptor works there too")
    func inDisposition() throws {
        let body = hex("00 53 15 c0 1b 05 41 43 40 41 | 00 a3 12 'amqp:released:list' 45")
        try expectFrames(
            frameBytes(type: 0, channel: 2, body),
            [.amqp(channel: 2, .disposition(Disposition(role: .receiver, first: 0, settled: true, state: .released)))])
    }

    @Test("a descriptor that is not a delivery state is an error naming it")
    func unknownState() {
        var reader = ByteReader(hex("00 53 34 45"))
        #expect(throws: WireError.unknownDescriptor(.code(0x34), .value)) {
            try DeliveryState(fieldValue: Value.decode(from: &reader), .value)
        }
    }

    @Test("a source with the fields RabbitMQ and Proton use")
    func source() throws {
        // address "q", durable configuration, expiry link-detach, timeout 30, dynamic, node
        // properties null, distribution copy, filter and default outcome null, outcomes null,
        // capabilities [queue]: 41 bytes, eleven fields.
        let bytes = hex(
            "00 53 28 c0 2a 0b a1 01 'q' 52 01 a3 0b 'link-detach' 52 1e 41 40 a3 04 'copy' 40 40 40 e0 08 01 a3 05 'queue'"
        )
        let source = Source(
            address: "q", durable: .configuration, expiryPolicy: .linkDetach, timeout: 30, dynamic: true,
            distributionMode: "copy", capabilities: ["queue"])
        var reader = ByteReader(bytes)
        #expect(try Source(fieldValue: Value.decode(from: &reader), .value) == source)
        expectBytes(try encoded(source.fieldValue), bytes)

        let filtered = Source(
            address: "/queues/stream", durable: .unsettledState, expiryPolicy: .never,
            filter: [
                .symbol("rabbitmq:stream-offset-spec"): .described(.symbol("rabbitmq:stream-offset-spec"), "first"),
                .symbol("jms-selector"): .described(.code(0x0000_468C_0000_0004), "color = 'red'"),
            ], defaultOutcome: .modified(Modified(deliveryFailed: true)),
            outcomes: ["amqp:accepted:list", "amqp:rejected:list", "amqp:released:list", "amqp:modified:list"])
        var again = ByteReader(try encoded(filtered.fieldValue))
        #expect(try Source(fieldValue: Value.decode(from: &again), .value) == filtered)
    }

    @Test("a target, and a terminus at its defaults")
    func target() throws {
        let target = Target(address: "/exchanges/amq.topic/k", durable: .none, expiryPolicy: .sessionEnd, timeout: 0)
        expectBytes(try encoded(target.fieldValue), hex("00 53 29 c0 19 01 a1 16 '/exchanges/amq.topic/k'"))
        var reader = ByteReader(hex("00 53 29 c0 05 03 40 43 a3 00"))
        #expect(
            throws: WireError.invalidValue(.field(composite: "target", name: "expiry-policy"), "")
        ) { try Target(fieldValue: Value.decode(from: &reader), .value) }
    }
}
