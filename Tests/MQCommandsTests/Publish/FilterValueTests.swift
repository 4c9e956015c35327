import AMQPWire
import ArgumentParsing
import Foundation
import TestSupport
import Testing

@testable import MQCommands

/// `publish --filter-value`: the `x-stream-filter-value` header on every message, as it goes out.
@Suite("mq publish --filter-value", .timeLimit(.minutes(5)))
struct FilterValueTests {
    /// The headers of every message `publish arguments` sends a scripted broker, in order.
    static func publishedHeaders(_ arguments: [String], input: String = "", count: Int) throws -> [FieldTable?] {
        let run = try ScriptedRun.run(["publish", "--queue", "s"] + arguments, input: input) { broker, _ in
            try broker.handshake()
            try broker.acceptChannel()
            try broker.acceptConfirms()
            var headers: [FieldTable?] = []
            for tag in 1...count {
                _ = try broker.expect(BasicPublish.self, channel: 1)
                headers.append(try broker.expectContent().header.properties.headers)
                try broker.send(BasicAck(deliveryTag: UInt64(tag)), channel: 1)
            }
            try broker.answerUntilClose()
            return headers
        }
        #expect(run.status == .success, "\(run.stderr)")
        return run.script
    }

    @Test("every message carries the header, after the --header ones")
    func everyMessage() throws {
        let headers = try Self.publishedHeaders(
            ["--lines", "--filter-value", "red", "--header", "n=1"], input: "a\nb\n", count: 2)
        let expected: FieldTable = ["n": .int32(1), "x-stream-filter-value": .string("red")]
        #expect(headers == [expected, expected])
    }

    @Test("with --ndjson a line's own filter value stays; a line without one gets the option's")
    func ndjsonLines() throws {
        let input = """
            {"body":"own","headers":{"x-stream-filter-value":"blue","k":"v"}}
            {"body":"other","headers":{"k":"w"}}
            {"body":"bare"}

            """
        let headers = try Self.publishedHeaders(["--ndjson", "--filter-value", "red"], input: input, count: 3)
        #expect(
            headers == [
                ["x-stream-filter-value": .string("blue"), "k": .string("v")],
                ["x-stream-filter-value": .string("red"), "k": .string("w")],
                ["x-stream-filter-value": .string("red")],
            ])
    }

    @Test("the option wins over a --header of the same name")
    func overHeader() throws {
        let headers = try Self.publishedHeaders(
            ["--header", "x-stream-filter-value=blue", "--filter-value", "red", "m"], count: 1)
        #expect(headers == [["x-stream-filter-value": .string("red")]])
    }

    @Test("given twice it is a usage error: it holds one value")
    func givenTwice() {
        do {
            _ = try Parser(root: CommandTree.root, environment: [:]).parse(
                ["publish", "--queue", "s", "--filter-value", "a", "--filter-value", "b", "m"])
            Issue.record("parsed")
        } catch {
            #expect(error.message == "option '--filter-value' given twice; it holds one value")
        }
    }
}
