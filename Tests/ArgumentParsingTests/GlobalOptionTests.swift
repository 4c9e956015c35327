import ArgumentParsing
import Testing

@Suite("Global options")
struct GlobalOptionTests {
    @Test(
        "a global option reads the same before, between and after the command words",
        arguments: [
            ["--server", "s1", "make", "box", "parcel"],
            ["--server=s1", "make", "box", "parcel"],
            ["make", "--server", "s1", "box", "parcel"],
            ["make", "box", "--server", "s1", "parcel"],
            ["make", "box", "parcel", "--server", "s1"],
        ])
    func anywhere(argv: [String]) throws {
        let parsed = try Sample.parse(argv)
        #expect(parsed.path == ["make", "box"])
        #expect(parsed.value("server") == "s1")
        #expect(parsed.source("server") == .commandLine)
        #expect(parsed.argument("NAME") == "parcel")
    }

    @Test("global short flags work before the command too")
    func shortBeforeCommand() throws {
        let parsed = try Sample.parse(["-vq", "send", "t"])
        #expect(parsed.flag("verbose"))
        #expect(parsed.flag("quiet"))
        #expect(parsed.argument("TARGET") == "t")
    }

    @Test("the parsed command lists its own options and then the global ones")
    func optionsListed() throws {
        let parsed = try Sample.parse(["send", "t"])
        #expect(parsed.options.map(\.name) == ["key", "all", "server", "timeout", "verbose", "quiet", "help"])
    }

    @Test("a command's own option is not accepted before the command")
    func ownOptionTooEarly() {
        Sample.expectError("unknown option '--key'", at: []) {
            try Sample.parse(["--key", "k", "send", "t"])
        }
    }

    @Test("an unknown command after a global option is still named")
    func unknownCommandAfterGlobal() {
        Sample.expectError(
            "unknown command 'snd' (did you mean 'send'?); expected one of: make, send, cat, repeat", at: []
        ) {
            try Sample.parse(["--server", "s1", "snd", "t"])
        }
    }

    @Test("a bad value for a global option names it")
    func badGlobalValue() {
        Sample.expectError(
            "bad value for '--timeout': 'soon' is not a duration (e.g. 500ms, 30s, 5m, 2h)", at: ["send"]
        ) {
            try Sample.parse(["send", "t", "--timeout", "soon"])
        }
    }
}
