import AMQPWire
import ArgumentParsing
import JSON
import Testing

@testable import AMQP
@testable import MQCommands

@Suite("--template: parsing and rendering")
struct MessageTemplateTests {
    private static let properties = BasicProperties(
        contentType: "text/plain", contentEncoding: "gzip",
        headers: ["x-retry-count": .int32(2), "tenant": .longString(Array("acme".utf8))],
        deliveryMode: 2, priority: 5, correlationID: "c-1", replyTo: "replies", expiration: "60000", messageID: "m-7",
        timestamp: 1_795_953_600, type: "order.created", userID: "guest", appID: "shop", clusterID: "eu-1")

    private static let delivery = Delivery(
        consumerTag: "ctag-1", deliveryTag: 42, redelivered: true, exchange: "events", routingKey: "orders.created",
        messageCount: nil,
        properties: properties, body: Array("héllo".utf8))

    private func rendered(_ text: String, _ delivery: Delivery = Self.delivery) throws -> String {
        var bytes: [UInt8] = []
        try MessageTemplate(text: text).render(delivery, queue: "orders", into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test(
        "every envelope field",
        arguments: [
            ("{body}", "héllo"), ("{body_base64}", "aMOpbGxv"), ("{exchange}", "events"),
            ("{routing_key}", "orders.created"),
            ("{redelivered}", "true"), ("{delivery_tag}", "42"), ("{queue}", "orders"),
        ])
    func envelope(template: String, expected: String) throws {
        #expect(try rendered(template) == expected)
    }

    @Test("{offset} is a stream message's offset, and nothing for other messages")
    func offset() throws {
        var fromStream = Self.delivery
        fromStream.properties.headers = ["x-stream-offset": .int64(12)]
        #expect(try rendered("{offset}:{body}", fromStream) == "12:héllo")
        #expect(try rendered("{offset}:{body}") == ":héllo")
    }

    @Test(
        "every property, by its --format json name: strings as they are, numbers as digits",
        arguments: [
            ("content_type", "text/plain"), ("content_encoding", "gzip"), ("delivery_mode", "2"), ("priority", "5"),
            ("correlation_id", "c-1"), ("reply_to", "replies"), ("expiration", "60000"), ("message_id", "m-7"),
            ("timestamp", "1795953600"), ("type", "order.created"), ("user_id", "guest"), ("app_id", "shop"),
            ("cluster_id", "eu-1"),
            ("headers", #"{"x-retry-count":2,"tenant":"acme"}"#),
        ])
    func property(name: String, expected: String) throws {
        #expect(try rendered("{properties.\(name)}") == expected)
    }

    @Test("the template names every property the JSON shows, and the headers")
    func everyProperty() throws {
        #expect(MessageJSON.propertyFields.count == 13)
        for field in MessageJSON.propertyFields {
            #expect(throws: Never.self) { try MessageTemplate(text: "{properties.\(field.name)}") }
        }
    }

    @Test("a string header as it is, other types as their JSON; an absent header or property is empty")
    func headers() throws {
        #expect(try rendered("{headers.tenant}|{headers.x-retry-count}|{headers.missing}|") == "acme|2||")
        let bare = Delivery(
            consumerTag: "c", deliveryTag: 1, redelivered: false, exchange: "", routingKey: "q", messageCount: nil,
            properties: BasicProperties(), body: [])
        #expect(
            try rendered(
                "[{properties.message_id}{properties.priority}{properties.headers}{headers.tenant}{body}]", bare)
                == "[]")
        #expect(try rendered("{redelivered} '{exchange}'", bare) == "false ''")
        let typed = BasicProperties(headers: [
            "when": .timestamp(5), "on": .boolean(true), "list": .array([.int32(1), .longString(Array("a".utf8))]),
        ])
        let delivery = Delivery(
            consumerTag: "c", deliveryTag: 1, redelivered: false, exchange: "", routingKey: "q", messageCount: nil,
            properties: typed, body: [])
        #expect(
            try rendered("{headers.when} {headers.on} {headers.list}", delivery)
                == #"{"$type":"timestamp","value":5} true [1,"a"]"#)
    }

    @Test("text around fields, the escapes, and no newline unless the template has one")
    func escapes() throws {
        #expect(try rendered(#"{routing_key}\t{properties.message_id}\t{body}\n"#) == "orders.created\tm-7\théllo\n")
        #expect(try rendered(#"{{body}} \\n {{ }}"#) == #"{body} \n { }"#)
        #expect(try rendered("key={routing_key};") == "key=orders.created;")
        #expect(try rendered("") == "")
        #expect(try rendered("{body}{body}") == "héllohéllo")
    }

    @Test("a template is parsed once into segments")
    func segments() throws {
        #expect(
            try MessageTemplate(text: #"a{body}\n{properties.priority}{headers.x}"#).segments == [
                .literal([97]), .envelope(.body), .literal([10]), .property(3), .header("x"),
            ])
    }

    @Test(
        "a bad template is a problem naming what is wrong",
        arguments: [
            (
                "{bogus}",
                "'{bogus}' is not a field: body, body_base64, exchange, routing_key, redelivered, delivery_tag, queue, offset, properties.NAME, headers.NAME"
            ),
            (
                "{}",
                "'{}' is not a field: body, body_base64, exchange, routing_key, redelivered, delivery_tag, queue, "
                    + "offset, properties.NAME, headers.NAME"
            ),
            (
                "{Body}",
                "'{Body}' is not a field: body, body_base64, exchange, routing_key, redelivered, delivery_tag, queue, "
                    + "offset, properties.NAME, headers.NAME"
            ),
            (
                "{properties.nope}",
                "'{properties.nope}' is not a property: content_type, content_encoding, delivery_mode, priority, "
                    + "correlation_id, reply_to, expiration, message_id, timestamp, type, user_id, app_id, cluster_id, "
                    + "headers"
            ),
            ("{headers.}", "'{headers.}' names no header"),
            ("ab{body", "'{' at column 3 is not closed (write {{ for a brace)"),
            ("{bo{dy}", "'{' at column 1 is not closed (write {{ for a brace)"),
            ("{", "'{' at column 1 is not closed (write {{ for a brace)"),
            ("a}b", "'}' at column 2 closes nothing (write }} for a brace)"),
            ("{body}}", "'}' at column 7 closes nothing (write }} for a brace)"),
            (#"é\r"#, #"'\r' at column 2 is not an escape (\n, \t or \\)"#),
            (#"end\"#, #"'\' at column 4 is not an escape (\n, \t or \\)"#),
        ])
    func bad(text: String, problem: String) {
        #expect(throws: ValueProblem(problem)) { try MessageTemplate(text: text) }
    }

    @Test("--template and --format on the command line contradict each other; a file's format gives way")
    func rules() throws {
        let parser = Parser(root: CommandTree.root, environment: [:])
        let both = try parser.parseCommand(["consume", "q", "--format", "json", "--template", "{body}"])
        #expect(both.parsed.brokenRule(among: both.command.rules) == "give --format or --template, not both")
        let template = try parser.parseCommand(["consume", "q", "--template", "{body}"])
        let filed = template.parsed.addingConfiguration(["format": "json"])
        #expect(filed.brokenRule(among: template.command.rules) == nil)
        guard case .template = MessageFormat.chosen(filed, queue: "q") else {
            Issue.record("a file's --format json won over --template")
            return
        }
        for verb in ["get", "request"] {
            let (parsed, command) = try parser.parseCommand([verb, "q", "--format", "raw", "--template", "{body}"])
            #expect(parsed.brokenRule(among: command.rules) == "give --format or --template, not both")
        }
    }
}
