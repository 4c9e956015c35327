import AMQP10Wire
import AMQPWire
import JSON
import Testing

@testable import MQCommands

@Suite("An AMQP 1.0 message as consume and get write it")
struct ReceivedMessageAMQP10Tests {
    static func received(_ message: Message) -> ReceivedMessage {
        ReceivedMessage(amqp10: message, deliveryID: 7, channel: 1)
    }

    @Test("what publish sends over 1.0 reads back as the same 0-9-1 properties, headers and body")
    func roundTrip() throws {
        var properties = OutgoingMessageAMQP10Tests.everyCarriedProperty
        properties.headers?["small"] = .int8(-3)
        properties.headers?["f"] = .double(1.5)
        let outgoing = OutgoingMessage(
            body: ArraySlice("body".utf8), envelope: Envelope(exchange: "", routingKey: "q", properties: properties))
        let read = Self.received(try outgoing.amqp10Message())
        #expect(read.delivery.properties == properties)
        #expect(read.delivery.body == Array("body".utf8))
        #expect(read.delivery.tag.value == 7 && read.delivery.tag.channel == 1)
        #expect(read.beyondAMQP091?.properties.isEmpty == true)
    }

    @Test(
        "the properties 0-9-1 lacks and the message annotations go to JSON; the exchange and key come from annotations")
    func beyond() throws {
        var sectionProperties = Properties()
        sectionProperties.to = "/queues/q"
        sectionProperties.groupID = "g"
        sectionProperties.absoluteExpiryTime = Timestamp(millisecondsSince1970: 1_700_000_000_000)
        let message = Message(
            header: Header(durable: false, deliveryCount: 2),
            messageAnnotations: [
                .symbol("x-exchange"): .string("amq.topic"), .symbol("x-routing-key"): .string("a.b"),
                .symbol("x-basic-type"): .string("kind"), .symbol("x-opt-n"): .ulong(9),
            ], properties: sectionProperties, body: .data([]))
        let read = Self.received(message)
        #expect(read.delivery.exchange == "amq.topic" && read.delivery.routingKey == "a.b")
        #expect(read.delivery.redelivered, "delivered before")
        #expect(read.delivery.properties.type == "kind", "RabbitMQ 4's x-basic-type")
        let json = MessageJSON.object(read.delivery, beyond: read.beyondAMQP091).serialized()
        #expect(json.contains(#""to":"/queues/q","absolute_expiry_time":1700000000000,"group_id":"g""#), "\(json)")
        #expect(
            json.hasSuffix(
                #""annotations":{"x-exchange":"amq.topic","x-routing-key":"a.b","x-basic-type":"kind","x-opt-n":9}}"#))
    }

    @Test("a dump's AMQP 1.0-only properties are read back by publish --ndjson and sent over 1.0 as they came")
    func onlyAMQP10RoundTrip() throws {
        var sectionProperties = Properties()
        sectionProperties.to = "/queues/q"
        sectionProperties.absoluteExpiryTime = Timestamp(millisecondsSince1970: 1_700_000_000_000)
        sectionProperties.groupID = "g"
        sectionProperties.groupSequence = 3
        sectionProperties.replyToGroupID = "r"
        let read = Self.received(Message(properties: sectionProperties, body: .data([Array("b".utf8)])))
        let line = MessageJSON.object(read.delivery, beyond: read.beyondAMQP091).serialized()
        let parsed = try NDJSONMessage.parse(Array(line.utf8))
        #expect(parsed.amqp10Properties == AMQP10OnlyProperties(sectionProperties))
        let outgoing = OutgoingMessage(
            body: ArraySlice(parsed.body),
            envelope: Envelope(
                exchange: "", routingKey: "q", properties: parsed.properties, amqp10Properties: parsed.amqp10Properties)
        )
        let sent = try outgoing.amqp10Message().properties
        #expect(sent?.to == "/queues/q" && sent?.groupID == "g" && sent?.groupSequence == 3)
        #expect(sent?.absoluteExpiryTime == sectionProperties.absoluteExpiryTime && sent?.replyToGroupID == "r")
        #expect(throws: NDJSONError("'properties.group_sequence' is not a value it can hold")) {
            try NDJSONMessage.parse(Array(#"{"body":"x","properties":{"group_sequence":-1}}"#.utf8))
        }
    }

    @Test("bodies: data sections joined, a string or binary value as its bytes, other values and sequences as JSON")
    func bodies() {
        #expect(ReceivedMessage.body(.data([[1, 2], [3]])) == [1, 2, 3])
        #expect(ReceivedMessage.body(.amqpValue(.string("é"))) == Array("é".utf8))
        #expect(ReceivedMessage.body(.amqpValue(.binary([0, 255]))) == [0, 255])
        #expect(
            ReceivedMessage.body(.amqpValue(.map([.string("k"): .list([.int(1), .null])])))
                == Array(#"{"k":[1,null]}"#.utf8))
        #expect(
            ReceivedMessage.body(.amqpSequence([[.boolean(true)], [.string("x")]])) == Array(#"[[true],["x"]]"#.utf8))
        #expect(
            ReceivedMessage.body(.amqpValue(.uuid(UUID(high: 0, low: 1))))
                == Array(#"{"$type":"uuid","value":"00000000-0000-0000-0000-000000000001"}"#.utf8))
    }

    @Test("application property values as headers: each simple type as its like, the rest as text")
    func headers() {
        #expect(ReceivedMessage.field(.ulong(UInt64.max)) == .string("18446744073709551615"))
        #expect(ReceivedMessage.field(.ulong(5)) == .int64(5))
        #expect(ReceivedMessage.field(.symbol(Symbol("s"))) == .string("s"))
        #expect(ReceivedMessage.field(.timestamp(Timestamp(millisecondsSince1970: 2_500))) == .timestamp(2))
        #expect(ReceivedMessage.field(.list([.int(1)])) == .array([.int32(1)]))
        #expect(ReceivedMessage.field(.map([.string("k"): .null])) == .table(["k": .void]))
    }

    @Test("settled delivery-ids as one range, or two when they wrapped around")
    func ranges() {
        #expect(AMQP10MessageLink.ranges(from: 3, through: 9) == [3...9])
        #expect(AMQP10MessageLink.ranges(from: 5, through: 5) == [5...5])
        #expect(AMQP10MessageLink.ranges(from: UInt32.max - 1, through: 1) == [(UInt32.max - 1)...UInt32.max, 0...1])
    }
}
