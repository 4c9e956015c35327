import AMQPWire
import Foundation
import JSON
import Testing

@testable import AMQP
@testable import MQCommands

@Suite("Messages as JSON")
struct MessageJSONTests {
    static func delivery(
        body: [UInt8], properties: BasicProperties = BasicProperties(), messageCount: UInt32? = nil
    ) -> Delivery {
        Delivery(
            consumerTag: "ctag-1", deliveryTag: 7, redelivered: true, exchange: "events", routingKey: "orders.created",
            messageCount: messageCount, properties: properties, body: body)
    }

    @Test("a UTF-8 body is written as text, with the envelope and empty properties and headers")
    func utf8Body() {
        let json = MessageJSON.object(Self.delivery(body: Array("héllo \"world\"".utf8)))
        #expect(
            json.serialized() == #"""
                {"body":"héllo \"world\"","body_encoding":"utf8","exchange":"events","routing_key":"orders.created",\#
                "redelivered":true,"delivery_tag":7,"properties":{},"headers":{}}
                """#)
    }

    @Test("a body that is not UTF-8 is written as base64 and says so")
    func binaryBody() {
        let json = MessageJSON.object(Self.delivery(body: [0xFF, 0xFE, 0x00, 0x01]))
        #expect(json.serialized().hasPrefix(#"{"body":"//4AAQ==","body_encoding":"base64","exchange":"events","#))
    }

    @Test("an empty body is empty text")
    func emptyBody() {
        let json = MessageJSON.object(Self.delivery(body: []))
        #expect(json.serialized().hasPrefix(#"{"body":"","body_encoding":"utf8","#))
    }

    @Test("a fetched message says how many are left")
    func messageCount() {
        let json = MessageJSON.object(Self.delivery(body: Array("x".utf8), messageCount: 3))
        #expect(json.serialized().contains(#""delivery_tag":7,"message_count":3,"properties":{}"#))
    }

    @Test("a message from a stream says where it is: offset, from x-stream-offset; a dump of it publishes again")
    func streamOffset() throws {
        let properties = BasicProperties(headers: ["x-stream-offset": .int64(4_711)])
        let line = MessageJSON.object(Self.delivery(body: Array("x".utf8), properties: properties)).serialized()
        #expect(line.contains(#""delivery_tag":7,"offset":4711,"properties":{}"#))
        let parsed = try NDJSONMessage.parse(Array(line.utf8))
        #expect(parsed.body == Array("x".utf8))
        #expect(!MessageJSON.object(Self.delivery(body: [])).serialized().contains("offset"))
    }

    @Test("every property is written, in wire order, under its snake_case name")
    func allProperties() {
        let properties = BasicProperties(
            contentType: "application/json", contentEncoding: "gzip", headers: ["h": .string("v")], deliveryMode: 2,
            priority: 5, correlationID: "c1", replyTo: "replies", expiration: "60000", messageID: "m1",
            timestamp: 1_700_000_000, type: "order", userID: "guest", appID: "shop", clusterID: "cl")
        #expect(
            MessageJSON.properties(properties).serialized() == #"""
                {"content_type":"application/json","content_encoding":"gzip","delivery_mode":2,"priority":5,\#
                "correlation_id":"c1","reply_to":"replies","expiration":"60000","message_id":"m1",\#
                "timestamp":1700000000,"type":"order","user_id":"guest","app_id":"shop","cluster_id":"cl"}
                """#)
        let json = MessageJSON.object(Self.delivery(body: [], properties: properties)).serialized()
        #expect(json.hasSuffix(#""cluster_id":"cl"},"headers":{"h":"v"}}"#))
    }

    @Test("headers JSON shows plainly stay plain; every other type is tagged with $type, in order")
    func headerTypes() {
        let headers: FieldTable = [
            "t": .boolean(true),
            "b": .int8(-2),
            "B": .uint8(250),
            "s": .int16(-300),
            "u": .uint16(60000),
            "I": .int32(-70000),
            "i": .uint32(4_000_000_000),
            "l": .int64(-5_000_000_000),
            "f": .float(1.5),
            "d": .double(-2.25),
            "D": .decimal(AMQPDecimal(scale: 2, value: 12345)),
            "D small": .decimal(AMQPDecimal(scale: 3, value: 5)),
            "D whole": .decimal(AMQPDecimal(scale: 0, value: 7)),
            "S": .string("ação"),
            "S bytes": .longString([0xFF]),
            "A": .array([.int32(1), .string("a"), .array([])]),
            "T": .timestamp(1_700_000_000),
            "F": .table(["k": .void, "n": .table([:])]),
            "V": .void,
            "x": .byteArray([0, 1, 2]),
        ]
        #expect(
            MessageJSON.table(headers).serialized() == #"""
                {"t":true,"b":{"$type":"int8","value":-2},"B":{"$type":"uint8","value":250},\#
                "s":{"$type":"int16","value":-300},"u":{"$type":"uint16","value":60000},"I":-70000,\#
                "i":{"$type":"uint32","value":4000000000},"l":-5000000000,"f":{"$type":"float","value":1.5},\#
                "d":-2.25,"D":{"$type":"decimal","value":"123.45"},"D small":{"$type":"decimal","value":"0.005"},\#
                "D whole":{"$type":"decimal","value":"7"},"S":"ação","S bytes":{"$type":"binary","value":"/w=="},\#
                "A":[1,"a",[]],"T":{"$type":"timestamp","value":1700000000},"F":{"k":null,"n":{}},"V":null,\#
                "x":{"$type":"bytes","value":"AAEC"}}
                """#)
    }

    @Test("a message with headers reads back as JSON with an independent reader")
    func readsBack() throws {
        let properties = BasicProperties(headers: ["n": .int32(-1), "s": .string("a\u{01}b")])
        let text = MessageJSON.object(Self.delivery(body: Array("line\n".utf8), properties: properties)).serialized()
        let object = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["body"] as? String == "line\n")
        let headers = try #require(object["headers"] as? [String: Any])
        #expect(headers["n"] as? Int == -1)
        #expect(headers["s"] as? String == "a\u{01}b")
    }
}
