import ArgumentParsing
import Testing

@Suite("Typed positional arguments and rules that name them")
struct ArgumentTests {
    static let target = Argument<String>.required("TARGET", help: "where")
    static let body = Argument<String?>.optional("BODY", help: "what")
    static let files = Argument<[String]>.variadic("FILES", optional: true, help: "which")
    static let key = Option<String?>.text("key", short: "k", help: "routing key")
    static let all = Option<Bool>.flag("all", help: "every target")

    static let send = DemoCommand("send", summary: "Send", arguments: [target, body], options: [key, all])
    static let cat = DemoCommand("cat", summary: "Print", arguments: [files], options: [key])

    private func parse(_ spec: DemoCommand, _ argv: [String]) throws -> ParsedCommand {
        try Parser(root: DemoCommand("demo", summary: "", subcommands: [spec]), environment: [:]).parse(
            [spec.name] + argv)
    }

    @Test("each argument reads as its type")
    func typed() throws {
        let parsed = try parse(Self.send, ["here", "hello"])
        #expect(parsed[Self.target] == "here")
        #expect(parsed[Self.body] == "hello")
        #expect(parsed.isGiven(Self.body))
        let bare = try parse(Self.send, ["here"])
        #expect(bare[Self.body] == nil)
        #expect(!bare.isGiven(Self.body))
        #expect(try parse(Self.cat, ["a", "b", "c"])[Self.files] == ["a", "b", "c"])
        #expect(try parse(Self.cat, [])[Self.files] == [])
    }

    @Test(
        "a rule may name an argument beside options",
        arguments: [
            (["here"], nil),
            (["here", "hi"], nil),
            (["here", "--key", "k"], nil),
            (["here", "hi", "--key", "k"], "BODY and --key contradict each other"),
        ] as [([String], String?)])
    func exclusiveWithArgument(argv: [String], broken: String?) throws {
        let rules: [OptionRule] = [.exclusive([.init(Self.body), .init(Self.key)])]
        #expect(try parse(Self.send, argv).brokenRule(among: rules) == broken)
    }

    @Test(
        "one of an argument and an option must be given",
        arguments: [
            ([], "FILES or --key is required"),
            (["a"], nil),
            (["--key", "k"], nil),
        ] as [([String], String?)])
    func oneOf(argv: [String], broken: String?) throws {
        let rules: [OptionRule] = [.oneOf([.init(Self.files), .init(Self.key)])]
        #expect(try parse(Self.cat, argv).brokenRule(among: rules) == broken)
    }
}
