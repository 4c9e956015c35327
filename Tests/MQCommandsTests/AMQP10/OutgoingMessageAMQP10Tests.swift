import AMQP10Wire
import AMQPWire
import Testing

@testable import MQCommands

@Suite("A message as AMQP 1.0 carries it")
struct OutgoingMessageAMQP10Tests {
    static func message(_ properties: BasicProperties, body: String = "hi") -> OutgoingMessage {
        OutgoingMessage(
            body: ArraySlice(body.utf8), envelope: Envelope(exchange: "", routingKey: "q", properties: properties))
    }

    @Test(
        "no properties: a data section and a header that says transient (RabbitMQ 4 keeps a message with none durably)")
    func bare() throws {
        #expect(
            try Self.message(BasicProperties()).amqp10Message()
                == Message(header: Header(durable: false), body: .data([Array("hi".utf8)])))
    }

    /// Every 0-9-1 property AMQP 1.0 has a place for, and headers of types it carries.
    static let everyCarriedProperty: BasicProperties = {
        var properties = BasicProperties()
        properties.deliveryMode = 2
        properties.priority = 7
        properties.expiration = "60000"
        properties.messageID = "m1"
        properties.correlationID = "c1"
        properties.replyTo = "replies"
        properties.contentType = "text/plain"
        properties.contentEncoding = "gzip"
        properties.type = "order.created"
        properties.userID = "guest"
        properties.timestamp = 1_795_953_600
        properties.headers = [
            "n": .int64(5), "ok": .boolean(true), "s": .longString(Array("text".utf8)), "raw": .byteArray([0xff]),
            "when": .timestamp(2), "none": .void,
        ]
        return properties
    }()

    @Test("each 0-9-1 property in its AMQP 1.0 place; headers as application properties of their own types")
    func mapped() throws {
        let message = try Self.message(Self.everyCarriedProperty).amqp10Message()
        #expect(message.header == Header(durable: true, priority: 7, ttl: 60000))
        #expect(
            message.properties
                == Properties(
                    messageID: .string("m1"), userID: Array("guest".utf8), subject: "order.created", replyTo: "replies",
                    correlationID: .string("c1"), contentType: "text/plain", contentEncoding: "gzip",
                    creationTime: Timestamp(millisecondsSince1970: 1_795_953_600_000)))
        #expect(
            message.applicationProperties
                == [
                    "n": .long(5), "ok": .boolean(true), "s": .string("text"), "raw": .binary([0xff]),
                    "when": .timestamp(Timestamp(millisecondsSince1970: 2000)), "none": .null,
                ])
        #expect(message.body == .data([Array("hi".utf8)]))
    }

    @Test("what AMQP 1.0 has no place for is refused, naming it, never dropped")
    func refused() {
        var appID = BasicProperties()
        appID.appID = "web"
        #expect(throws: Failure(.usage(.noAMQP10Equivalent(property: "app_id")))) {
            try Self.message(appID).amqp10Message()
        }
        var table = BasicProperties()
        table.headers = ["t": .table([:])]
        #expect(throws: Failure(.usage(.noAMQP10Equivalent(property: "header 't' (a table)")))) {
            try Self.message(table).amqp10Message()
        }
        var expiration = BasicProperties()
        expiration.expiration = "soon"
        #expect(throws: Failure(.usage(.noAMQP10Equivalent(property: "expiration 'soon'")))) {
            try Self.message(expiration).amqp10Message()
        }
    }
}
