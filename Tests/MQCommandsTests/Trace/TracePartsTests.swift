import AMQPWire
import JSON
import Testing

@testable import AMQP
@testable import MQCommands

@Suite("mq trace's parts: firehose events, their lines and objects, and who turns tracing off")
struct TracePartsTests {
    /// A message as the firehose publishes it, with RabbitMQ's trace headers.
    static func firehose(_ routingKey: String, _ headers: FieldTable, body: String = "hello world") -> Delivery {
        Delivery(
            consumerTag: "c", deliveryTag: 1, redelivered: false, exchange: "amq.rabbitmq.trace",
            routingKey: routingKey,
            messageCount: nil, properties: BasicProperties(headers: headers), body: Array(body.utf8))
    }

    static let publish = firehose(
        "publish.events",
        [
            "exchange_name": .string("events"), "routing_keys": .array([.string("orders.created")]),
            "properties": .table([
                "delivery_mode": .uint8(2), "headers": .table(["source": .string("web"), "n": .int32(3)]),
                "message_id": .string("m-1"),
                "timestamp": .timestamp(1_764_700_000),
            ]),
            "node": .string("rabbit@here"), "connection": .string("127.0.0.1:50412 -> 127.0.0.1:5672"),
            "channel": .int32(1),
            "user": .string("guest"), "routed_queues": .array([.string("orders-a"), .string("orders-b")]),
        ])

    static let deliver = firehose(
        "deliver.orders-a",
        [
            "exchange_name": .string("events"), "routing_keys": .array([.string("orders.created")]),
            "properties": .table([:]),
            "node": .string("rabbit@here"), "redelivered": .int32(1),
            "connection": .string("127.0.0.1:50414 -> 127.0.0.1:5672"),
            "channel": .int32(2), "user": .string("reader"),
        ])

    static let time = WallTime(seconds: 1_764_700_201, milliseconds: 7)

    @Test("a publish event names the exchange, the keys, the queues it was routed to, and who published")
    func publishEvent() throws {
        let event = try #require(FirehoseEvent(Self.publish))
        #expect(event.kind == .publish)
        #expect(event.exchange == "events")
        #expect(event.routingKeys == ["orders.created"])
        #expect(event.routedQueues == ["orders-a", "orders-b"])
        #expect(event.queue == nil)
        #expect(event.user == "guest")
        #expect(event.channel == 1)
        #expect(
            event.line(at: Self.time).drop { $0 != " " }
                == #" published exchange=events keys=orders.created routed=orders-a,orders-b user=guest connection="127.0.0.1:50412 -> 127.0.0.1:5672" channel=1 body="hello world""#
        )
    }

    @Test("a deliver event names the queue and whether the message was redelivered")
    func deliverEvent() throws {
        let event = try #require(FirehoseEvent(Self.deliver))
        #expect(event.kind == .deliver)
        #expect(event.queue == "orders-a")
        #expect(event.redelivered == true)
        #expect(event.routedQueues == nil)
        #expect(
            event.line(at: Self.time).drop { $0 != " " }
                == #" delivered queue=orders-a exchange=events keys=orders.created redelivered=true user=reader connection="127.0.0.1:50414 -> 127.0.0.1:5672" channel=2 body="hello world""#
        )
    }

    @Test("a message of the trace exchange that is no event is not read as one")
    func notAnEvent() {
        #expect(FirehoseEvent(Self.firehose("other.thing", [:])) == nil)
    }

    @Test("the JSON object has the event, the whole body, and the properties and headers as consume writes them")
    func eventJSON() throws {
        let event = try #require(FirehoseEvent(Self.publish))
        #expect(
            event.json(at: Self.time, vhost: "/").serialized() == #"""
                {"time":"2025-12-02T18:30:01.007Z","event":"publish","vhost":"/","exchange":"events","routing_keys":["orders.created"],\#
                "routed_queues":["orders-a","orders-b"],"connection":"127.0.0.1:50412 -> 127.0.0.1:5672","channel":1,"user":"guest",\#
                "node":"rabbit@here","body":"hello world","body_encoding":"utf8","properties":{"delivery_mode":2,"message_id":"m-1",\#
                "timestamp":1764700000},"headers":{"source":"web","n":3}}
                """#)
    }

    @Test("the body shown in a line is cut after 60 characters; one that is not UTF-8 is described")
    func bodyStart() throws {
        let long = try #require(FirehoseEvent(Self.firehose("publish.x", [:], body: String(repeating: "é", count: 70))))
        #expect(long.bodyStart == String(repeating: "é", count: 60) + "…")
        var binary = Self.firehose("publish.x", [:])
        binary.body = [0xFF, 0x00]
        #expect(try #require(FirehoseEvent(binary)).bodyStart == "(2 bytes, not UTF-8)")
        #expect(
            try #require(FirehoseEvent(binary)).json(at: Self.time, vhost: "/").serialized().contains(
                #""body":"/wA=","body_encoding":"base64""#))
    }

    @Test("logfmt values: plain words bare, anything else quoted with escapes, control characters never raw")
    func logfmtValues() {
        #expect(Logfmt.value("orders.created") == "orders.created")
        #expect(Logfmt.value("") == #""""#)
        #expect(Logfmt.value("a b") == #""a b""#)
        #expect(Logfmt.value(#"say "hi"\"#) == #""say \"hi\"\\""#)
        #expect(Logfmt.value("k=v") == #""k=v""#)
        #expect(Logfmt.value("line\nnext\t\u{1B}[31m") == #""line\nnext\t\x1b[31m""#)
    }

    @Test("binding keys: publish.X per exchange, deliver.Q per queue, everything when none is named")
    func bindingKeys() {
        #expect(Trace.bindingKeys(exchanges: [], queues: []) == ["#"])
        #expect(
            Trace.bindingKeys(exchanges: ["events", ""], queues: ["orders"]) == [
                "publish.events", "publish.", "deliver.orders",
            ])
    }

    @Test("the last trace out turns tracing off, never under someone else's trace")
    func claims() {
        #expect(TracingClaim(wasOn: false, tracers: []) == .turnedOn)
        #expect(TracingClaim(wasOn: true, tracers: []) == .leftOn)
        #expect(TracingClaim(wasOn: true, tracers: ["mq.trace.0123"]) == .sharedWithTraces)
        #expect(
            TracingClaim(wasOn: true, tracers: ["mq.trace.0123", "tracer"]) == .others(["mq.trace.0123", "tracer"]))
        #expect(TracingClaim.turnedOn.turnsOff(leaving: []))
        #expect(!TracingClaim.turnedOn.turnsOff(leaving: ["mq.trace.0456"]))
        #expect(TracingClaim.leftOn.turnsOff(leaving: []))
        #expect(TracingClaim.sharedWithTraces.turnsOff(leaving: []))
        #expect(!TracingClaim.others(["tracer"]).turnsOff(leaving: []))
        #expect(TracingClaim.sharedWithTraces.note(vhost: "/") == nil)
        #expect(
            TracingClaim.others(["tracer"]).note(vhost: "/")
                == "tracing is already on for vhost '/' for queue 'tracer'; mq leaves it on")
    }

    @Test("wall times in ISO 8601, UTC, to the millisecond; the local time of day with and without milliseconds")
    func wallTime() {
        #expect(WallTime(seconds: 0, milliseconds: 0).iso8601 == "1970-01-01T00:00:00.000Z")
        #expect(Self.time.iso8601 == "2025-12-02T18:30:01.007Z")
        // The time of day is local: its shape, and the seconds as the start of the milliseconds.
        #expect(Self.time.timeOfDayInSeconds.count == 8 && Self.time.timeOfDay == Self.time.timeOfDayInSeconds + ".007")
    }
}
