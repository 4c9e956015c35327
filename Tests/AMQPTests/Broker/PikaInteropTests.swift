import AMQP
import AMQPWire
import Foundation
import TestSupport
import Testing

@Suite(
    "Interop with pika, an independent client", .needsBroker,
    .enabled(if: Pika.isAvailable, "python3 with pika is not installed"),
    .timeLimit(.minutes(5)))
struct PikaInteropTests {
    @Test("what pika publishes with every property and nested headers, we read exactly")
    func pikaToUs() throws {
        let connection = try TestBroker.connect()
        let channel = try connection.openChannel()
        let queue = try channel.declareQueue(TestBroker.uniqueName("pika-in"), durable: true).name
        let result = try Pika.peer(["publish", TestBroker.url, queue])
        #expect(result.status == 0)
        let delivery = try #require(try channel.get(queue: queue, noAck: true))
        #expect(delivery.body == Array("interop ".utf8) + [0, 0xFF] + Array(" body".utf8))
        let expectedHeaders: FieldTable = [
            "str": .string("text"), "int": .int32(42), "neg": .int32(-7), "big": .int64(1 << 40),
            "decimal": .decimal(AMQPDecimal(scale: 1, value: 15)), "bool": .boolean(true), "none": .void,
            "list": .array([.int32(1), .string("two"), .array([.int32(3)])]),
            "nested": .table(["a": .table(["b": .string("c")])]), "bytes": .byteArray([1, 2]),
            "time": .timestamp(1_700_000_000),
        ]
        let expected = BasicProperties(
            contentType: "application/octet-stream", contentEncoding: "gzip", headers: expectedHeaders,
            deliveryMode: 2, priority: 5, correlationID: "corr-1", replyTo: "reply-q", expiration: "60000",
            messageID: "msg-1", timestamp: 1_700_000_000, type: "interop.type", userID: "guest", appID: "pika-peer",
            clusterID: "")
        #expect(delivery.properties == TestBroker.asDelivered(expected))
        try channel.deleteQueue(queue)
        connection.close()
    }

    @Test("what we publish with every property and every header type, pika reads exactly")
    func usToPika() throws {
        let connection = try TestBroker.connect()
        let channel = try connection.openChannel()
        let queue = try channel.declareQueue(TestBroker.uniqueName("pika-out"), durable: true).name
        let headers: FieldTable = [
            "S": .string("text"), "b": .int8(-8), "B": .uint8(200), "s": .int16(-300), "u": .uint16(60000),
            "I": .int32(-70000), "i": .uint32(4_000_000_000), "l": .int64(-(1 << 40)), "f": .float(1024),
            "d": .double(-65536), "D": .decimal(AMQPDecimal(scale: 2, value: 314)), "t": .boolean(false),
            "T": .timestamp(1_700_000_000), "V": .void, "x": .byteArray([0xDE, 0xAD]),
            "A": .array([.int32(1), .array([.string("deep")])]), "F": .table(["inner": .table(["k": .int32(1)])]),
        ]
        let properties = BasicProperties(
            contentType: "text/plain", contentEncoding: "utf-8", headers: headers, deliveryMode: 1, priority: 3,
            correlationID: "c-9", replyTo: "rq", expiration: "5000", messageID: "m-9", timestamp: 1_600_000_000,
            type: "t-9", userID: "guest", appID: "mq-tests", clusterID: "cl")
        try channel.enableConfirms()
        try channel.publish(Array("from mq\n".utf8), routingKey: queue, properties: properties)
        #expect(try channel.waitForConfirms(deadline: .after(seconds: 10)))
        let result = try Pika.peer(["read", TestBroker.url, queue])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(json["body_hex"] as? String == "66726f6d206d710a")
        let seen = try #require(json["properties"] as? [String: Any])
        let expectedStrings: [String: String] = [
            "content_type": "text/plain", "content_encoding": "utf-8", "correlation_id": "c-9", "reply_to": "rq",
            "expiration": "5000", "message_id": "m-9", "type": "t-9", "user_id": "guest", "app_id": "mq-tests",
            "cluster_id": "cl",
        ]
        for (name, value) in expectedStrings { #expect(seen[name] as? String == value, "property \(name)") }
        #expect(seen["delivery_mode"] as? Int == 1)
        #expect(seen["priority"] as? Int == 3)
        #expect(seen["timestamp"] as? Int == 1_600_000_000)
        let typed = try #require(json["headers"] as? [String: [String: Any]])
        func value(_ name: String) -> Any? { typed[name]?["value"] }
        #expect(value("S") as? String == "text")
        #expect(value("b") as? Int == -8)
        #expect(value("B") as? Int == 200)
        #expect(value("s") as? Int == -300)
        #expect(value("u") as? Int == 60000)
        #expect(value("I") as? Int == -70000)
        #expect(value("i") as? Int == 4_000_000_000)
        #expect(value("l") as? Int == -(1 << 40))
        // pika decodes f and d through int(), dropping fractions: whole values still prove the bytes.
        #expect(value("f") as? Double == 1024)
        #expect(value("d") as? Double == -65536)
        #expect(value("D") as? String == "3.14")
        #expect(value("t") as? Bool == false)
        #expect(value("T") as? Int == 1_700_000_000)
        #expect(typed["V"]?["type"] as? String == "NoneType")
        #expect(value("x") as? String == "dead")
        let array = try #require(value("A") as? [[String: Any]])
        #expect(array.first?["value"] as? Int == 1)
        let nested = try #require(value("F") as? [String: [String: Any]])
        let inner = try #require(nested["inner"]?["value"] as? [String: [String: Any]])
        #expect(inner["k"]?["value"] as? Int == 1)
        try channel.deleteQueue(queue)
        connection.close()
    }
}
