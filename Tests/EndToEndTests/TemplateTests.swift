import Foundation
import TestSupport
import Testing

@Suite("--template for consume, get and request", .needsBroker, .deletesFreshQueues, .timeLimit(.minutes(5)))
struct TemplateTests {
    /// A queue holding two messages with a message id and a header, and one with neither.
    private func queue() throws -> String {
        let queue = freshQueue("template")
        try mq("declare", "queue", queue)
        try mq(
            "publish", "--queue", queue, "--message-id", "m-1", "--header", "x-retry-count=2", "--header-string",
            "tenant=acme", "first")
        try mq("publish", "--queue", queue, "--message-id", "m-2", "--priority", "4", "second")
        try mq("publish", "--queue", queue, "third")
        return queue
    }

    @Test("consume writes each message through the template, adds no newline, and acks what it wrote")
    func consume() throws {
        let queue = try queue()
        let template =
            #"{routing_key}\t{properties.message_id}\t{headers.tenant}|{headers.x-retry-count}|{properties.priority}\t{body}\n"#
        let result = try mq("consume", queue, "--template", template, "--count", "3")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "\(queue)\tm-1\tacme|2|\tfirst\n\(queue)\tm-2\t||4\tsecond\n\(queue)\t\t||\tthird\n")
        #expect(try ready(queue) == 0)
    }

    @Test("consume through a pipe acks only what the reader took, as with --format")
    func consumeIntoPipe() throws {
        let queue = freshQueue("template-pipe")
        try mq("declare", "queue", queue)
        try mq("publish", "--queue", queue, "--lines", stdin: (1...50).map { "m\($0)" }.joined(separator: "\n"))
        let result = try pipeline(#"$MQ consume "$Q" --template '<{body}>\n' --timeout 2s | head -n 1"#, queue: queue)
        #expect(result.stdout == "<m1>\n")
        let left = try ready(queue)
        #expect(left >= 48 && left <= 49, "\(left) left")
    }

    @Test("get writes the template, envelope fields and all; --requeue leaves the messages")
    func get() throws {
        let queue = try queue()
        let result = try mq(
            "get", queue, "--count", "2", "--requeue", "--template",
            #"{queue} {exchange}/{delivery_tag}/{redelivered} {body_base64}{{}}\n"#)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "\(queue) /1/false Zmlyc3Q={}\n\(queue) /2/false c2Vjb25k{}\n")
        #expect(try ready(queue) == 3)
        let again = try mq("get", queue, "--template", "{redelivered}:{body}")
        #expect(again.stdout == "true:first")
    }

    @Test("request writes the reply through the template")
    func request() throws {
        let queue = freshQueue("template-rpc")
        try mq("declare", "queue", queue)
        let server = try MQProcess([
            "consume", queue, "--exec", "tr a-z A-Z", "--reply", "--count", "1", "--timeout", "20s",
        ])
        let reply = try mq(
            "request", "--queue", queue, "ping", "--correlation-id", "c-42", "--timeout", "15s", "--template",
            #"{properties.correlation_id}={body}\n"#)
        #expect(reply.status == 0, "\(reply.stderr)")
        #expect(reply.stdout == "c-42=PING\n")
        #expect(server.finish(within: 30) == 0, "\(server.stderr)")
    }

    @Test(
        "a bad template, or one with --format, is a usage error before connecting",
        arguments: [
            (["consume", "q", "--template", "{bogus}"], "mq: bad value for '--template': '{bogus}' is not a field: "),
            (
                ["get", "q", "--template", "{properties.nope}"],
                "mq: bad value for '--template': '{properties.nope}' is not a property: "
            ),
            (
                ["request", "x", "--queue", "q", "--template", "{body"],
                "mq: bad value for '--template': '{' at column 1 is not closed"
            ),
            (["consume", "q", "--template", "a}"], "mq: bad value for '--template': '}' at column 2 closes nothing"),
            (
                ["consume", "q", "--template", "{body}", "--format", "json"],
                "mq: give --format or --template, not both\n"
            ),
            (["get", "q", "--format", "raw", "--template", "{body}"], "mq: give --format or --template, not both\n"),
        ])
    func usage(words: [String], line: String) throws {
        // Port 1: were it to connect, it would be exit 69.
        let result = try MQProcess.run(["--url", "amqp://127.0.0.1:1"] + words)
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix(line), "\(result.stderr)")
    }
}
