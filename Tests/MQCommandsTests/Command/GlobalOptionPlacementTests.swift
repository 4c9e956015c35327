import ArgumentParsing
import Testing

@testable import MQCommands

@Suite("mq's global options before and after the verb")
struct GlobalOptionPlacementTests {
    static func parse(_ argv: [String], environment: Environment = [:]) throws(ParseError) -> ParsedCommand {
        try Parser(root: CommandTree.root, environment: environment).parse(argv)
    }

    @Test(
        "--url U publish x and publish x --url U mean the same",
        arguments: [
            ["--url", "amqp://h/v", "publish", "x"],
            ["publish", "x", "--url", "amqp://h/v"],
            ["--url=amqp://h/v", "publish", "x"],
            ["publish", "--url", "amqp://h/v", "x"],
        ])
    func url(argv: [String]) throws {
        let parsed = try Self.parse(argv)
        #expect(parsed.path == ["publish"])
        #expect(parsed.value("url") == "amqp://h/v")
        #expect(parsed.source("url") == .commandLine)
        #expect(parsed.argument("BODY") == "x")
    }

    @Test("--url beats MQ_URL, which beats the default")
    func precedence() throws {
        let environment: Environment = ["MQ_URL": "amqp://env"]
        #expect(
            try Self.parse(["publish", "x", "--url", "amqp://flag"], environment: environment).value("url")
                == "amqp://flag")
        #expect(try Self.parse(["publish", "x"], environment: environment).value("url") == "amqp://env")
        #expect(try Self.parse(["publish", "x"]).value("url") == "amqp://localhost:5672/%2F")
    }

    @Test("global short flags pack and work before the verb")
    func shortFlags() throws {
        let parsed = try Self.parse(["-vq", "declare", "queue", "orders", "-u", "admin"])
        #expect(parsed.flag("verbose"))
        #expect(parsed.flag("quiet"))
        #expect(parsed.value("user") == "admin")
        #expect(parsed.argument("NAME") == "orders")
    }

    @Test("-h asks for help and -H is publish's header")
    func caseOfLetters() throws {
        let parsed = try Self.parse(["publish", "-H", "a=1", "x"])
        #expect(parsed.values("header") == ["a=1"])
        #expect(!parsed.flag("help"))
        #expect(try Self.parse(["publish", "-h"]).flag("help"))
    }

    @Test("consume's --no-ack is a flag of its own, not the negation of --ack")
    func noAck() throws {
        let parsed = try Self.parse(["consume", "orders", "--no-ack"])
        #expect(parsed.flag("no-ack"))
    }
}
