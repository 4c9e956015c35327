import AMQPWire
import JSON
import Testing

@testable import AMQP
@testable import MQCommands

/// `mq consume --format json | mq publish --ndjson` must republish the same message. These lines
/// are what the NDJSON fuzz target (scripts/fuzz ndjson) found printed but not read back.
@Suite("NDJSON round trip through consume's JSON")
struct NDJSONRoundTripTests {
    static func printed(_ message: NDJSONMessage) -> String {
        var properties = message.properties
        properties.headers = message.headers
        let delivery = Delivery(
            consumerTag: "", deliveryTag: 1, redelivered: false, exchange: message.exchange ?? "",
            routingKey: message.routingKey ?? "", messageCount: nil, properties: properties, body: message.body)
        return MessageJSON.object(delivery).serialized()
    }

    @Test("a header table whose fields are $type and value reads back as that table")
    func tableShapedLikeATypedValue() throws {
        let table: FieldTable = ["$type": .string("int8"), "value": .int32(255)]
        let line = Self.printed(NDJSONMessage(body: [], properties: BasicProperties(), headers: ["t": .table(table)]))
        #expect(line.contains(#""t":{"$type":"table","value":{"$type":"int8","value":255}}"#))
        let message = try NDJSONMessage.parse(Array(line.utf8))
        #expect(message.headers == ["t": .table(table)])
    }

    @Test("the fuzzer's line: a duplicate key leaves a table shaped like a typed value")
    func duplicateKeyFoundByFuzzing() throws {
        let line = #"{"body":"","headers":{"a":{"$type":"int8","value":"uint8","value":255}}}"#
        let message = try NDJSONMessage.parse(Array(line.utf8))
        #expect(message.headers == ["a": .table(["$type": .string("int8"), "value": .int32(255)])])
        let again = try NDJSONMessage.parse(Array(Self.printed(message).utf8))
        #expect(again.headers == message.headers)
    }

    @Test("a float header beyond Float's range is refused, not published as infinity")
    func floatOutOfRange() throws {
        let line = #"{"body":"","headers":{"f":{"$type":"float","value":1e39}}}"#
        #expect(throws: NDJSONError.self) { try NDJSONMessage.parse(Array(line.utf8)) }
        let largest = #"{"body":"","headers":{"f":{"$type":"float","value":3.4e38}}}"#
        #expect(try NDJSONMessage.parse(Array(largest.utf8)).headers == ["f": .float(3.4e38)])
    }
}
