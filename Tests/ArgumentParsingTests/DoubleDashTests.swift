import ArgumentParsing
import Testing

@Suite("-- ends options")
struct DoubleDashTests {
    @Test("a word that looks like an option after -- is an argument")
    func longOptionAfterDoubleDash() throws {
        let parsed = try Sample.parse(["send", "t", "--", "--key"])
        #expect(parsed.argument("BODY") == "--key")
        #expect(parsed.value("key") == nil)
    }

    @Test("options before -- still count")
    func optionsBeforeDoubleDash() throws {
        let parsed = try Sample.parse(["send", "-k", "a", "--", "-k"])
        #expect(parsed.value("key") == "a")
        #expect(parsed.argument("TARGET") == "-k")
    }

    @Test("flags after -- are not set")
    func flagsAfterDoubleDash() throws {
        let parsed = try Sample.parse(["send", "--", "--all", "-v"])
        #expect(parsed.argument("TARGET") == "--all")
        #expect(parsed.argument("BODY") == "-v")
        #expect(!parsed.flag("all"))
        #expect(!parsed.flag("verbose"))
    }

    @Test("a second -- is a word")
    func secondDoubleDash() throws {
        let parsed = try Sample.parse(["repeat", "2", "--", "a", "--", "--b"])
        #expect(parsed.arguments("WORDS") == ["a", "--", "--b"])
    }

    @Test("-- after the arguments are all given leaves an extra word unexpected")
    func extraAfterDoubleDash() {
        Sample.expectError("unexpected argument '--x'", at: ["send"]) {
            try Sample.parse(["send", "t", "b", "--", "--x"])
        }
    }
}
