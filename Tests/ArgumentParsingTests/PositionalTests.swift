import ArgumentParsing
import Testing

@Suite("Positional arguments")
struct PositionalTests {
    @Test("a required argument missing is an error naming it")
    func missingRequired() {
        Sample.expectError("missing argument TARGET", at: ["send"]) {
            try Sample.parse(["send"])
        }
    }

    @Test("a required argument of a nested command missing is an error at that command")
    func missingRequiredNested() {
        Sample.expectError("missing argument NAME", at: ["make", "crate"]) {
            try Sample.parse(["make", "crate", "--slats", "4"])
        }
    }

    @Test("an optional argument may be left out")
    func optionalAbsent() throws {
        let parsed = try Sample.parse(["send", "t"])
        #expect(parsed.argument("TARGET") == "t")
        #expect(parsed.argument("BODY") == nil)
        #expect(parsed.arguments("BODY") == [])
    }

    @Test("arguments are filled in order")
    func inOrder() throws {
        let parsed = try Sample.parse(["send", "t", "b"])
        #expect(parsed.argument("TARGET") == "t")
        #expect(parsed.argument("BODY") == "b")
    }

    @Test("a word past the last argument is an error naming it")
    func unexpectedExtra() {
        Sample.expectError("unexpected argument 'extra'", at: ["send"]) {
            try Sample.parse(["send", "t", "b", "extra"])
        }
    }

    @Test("a variadic argument takes every remaining word")
    func variadic() throws {
        let parsed = try Sample.parse(["cat", "a", "--verbose", "b", "c"])
        #expect(parsed.arguments("FILES") == ["a", "b", "c"])
        #expect(parsed.argument("FILES") == "a")
        #expect(parsed.flag("verbose"))
    }

    @Test("a required variadic argument needs at least one word")
    func variadicRequired() {
        Sample.expectError("missing argument FILES", at: ["cat"]) {
            try Sample.parse(["cat"])
        }
    }

    @Test("an optional variadic argument may take no words")
    func variadicOptional() throws {
        let parsed = try Sample.parse(["repeat", "2"])
        #expect(!parsed.declares("TIMES"), "arguments are not options")
        #expect(parsed.argument("TIMES") == "2")
        #expect(parsed.arguments("WORDS") == [])
    }

    @Test("a typed argument is checked, and the error names the argument")
    func typedArgument() {
        Sample.expectError("bad value for TIMES: 4 is out of range (1 to 3)", at: ["repeat"]) {
            try Sample.parse(["repeat", "4", "x"])
        }
        Sample.expectError("bad value for TIMES: 'two' is not a whole number", at: ["repeat"]) {
            try Sample.parse(["repeat", "two"])
        }
    }
}
