import ArgumentParsing
import Testing

@Suite("Asking for help")
struct HelpRequestTests {
    @Test(
        "--help excuses a missing argument",
        arguments: [["send", "--help"], ["send", "-h"], ["make", "crate", "--help"]])
    func missingArgument(argv: [String]) throws {
        let parsed = try Sample.parse(argv)
        #expect(parsed.flag("help"))
        #expect(parsed.argument("TARGET") == nil)
    }

    @Test("--help excuses a missing subcommand")
    func missingSubcommand() throws {
        let parsed = try Sample.parse(["make", "--help"])
        #expect(parsed.path == ["make"])
        #expect(parsed.flag("help"))
    }

    @Test("--help excuses extra words")
    func extraWords() throws {
        let parsed = try Sample.parse(["send", "t", "b", "extra", "--help"])
        #expect(parsed.flag("help"))
        #expect(parsed.argument("BODY") == "b")
    }

    @Test("--help does not excuse a bad value")
    func badValue() {
        Sample.expectError("bad value for '--size': 'big' is not a whole number", at: ["make", "box"]) {
            try Sample.parse(["make", "box", "--help", "--size", "big"])
        }
    }

    @Test("--help does not excuse an unknown command")
    func unknownCommand() {
        Sample.expectError("unknown command 'zzz'; expected one of: make, send, cat, repeat", at: []) {
            try Sample.parse(["--help", "zzz"])
        }
    }

    @Test("the help option's name can be chosen")
    func otherHelpOption() throws {
        let parser = Parser(root: Sample.root, environment: [:], helpOption: "quiet")
        let parsed = try parser.parse(["send", "-q"])
        #expect(parsed.path == ["send"])
        Sample.expectError("missing argument TARGET", at: ["send"]) {
            try parser.parse(["send", "--help"])
        }
    }
}
