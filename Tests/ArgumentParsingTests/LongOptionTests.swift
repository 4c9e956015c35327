import ArgumentParsing
import Testing

@Suite("Long options")
struct LongOptionTests {
    @Test("--name value takes the next word as the value")
    func separateValue() throws {
        let parsed = try Sample.parse(["make", "box", "--size", "5"])
        #expect(parsed.value("size") == "5")
        #expect(parsed.integer("size") == 5)
    }

    @Test("--name=value takes the text after the equals sign")
    func inlineValue() throws {
        let parsed = try Sample.parse(["make", "box", "--size=5"])
        #expect(parsed.integer("size") == 5)
    }

    @Test("--name=value splits at the first equals sign only")
    func inlineValueWithEquals() throws {
        let parsed = try Sample.parse(["make", "box", "--label=a=b"])
        #expect(parsed.values("label") == ["a=b"])
    }

    @Test("--name= gives an empty value")
    func emptyInlineValue() throws {
        let parsed = try Sample.parse(["send", "t", "--key="])
        #expect(parsed.value("key") == "")
        #expect(parsed.source("key") == .commandLine)
    }

    @Test("options may come before, between and after the arguments")
    func interleaved() throws {
        let parsed = try Sample.parse(["send", "--key", "k", "t", "--all", "b"])
        #expect(parsed.argument("TARGET") == "t")
        #expect(parsed.argument("BODY") == "b")
        #expect(parsed.value("key") == "k")
        #expect(parsed.flag("all"))
    }

    @Test("an option that needs a value and ends the line is an error naming the value")
    func missingValue() {
        Sample.expectError("option '--size' needs a value (N)", at: ["make", "box"]) {
            try Sample.parse(["make", "box", "--size"])
        }
    }

    @Test("a flag given a value is an error")
    func flagWithValue() {
        Sample.expectError("option '--tape' takes no value", at: ["make", "box"]) {
            try Sample.parse(["make", "box", "--tape=yes"])
        }
    }

    @Test("the --no- form of a flag given a value is an error")
    func negatedFlagWithValue() {
        Sample.expectError("option '--no-sturdy' takes no value", at: ["make", "box"]) {
            try Sample.parse(["make", "box", "--no-sturdy=1"])
        }
    }

    @Test("an unknown option is named with the closest option")
    func unknownWithSuggestion() {
        Sample.expectError("unknown option '--sise' (did you mean '--size'?)", at: ["make", "box"]) {
            try Sample.parse(["make", "box", "--sise", "5"])
        }
    }

    @Test("a misspelt --no- form is suggested as the --no- form")
    func unknownNegatedWithSuggestion() {
        Sample.expectError("unknown option '--no-sturdi' (did you mean '--no-sturdy'?)", at: ["make", "box"]) {
            try Sample.parse(["make", "box", "--no-sturdi"])
        }
    }

    @Test("an unknown option close to none gets no suggestion")
    func unknownWithoutSuggestion() {
        Sample.expectError("unknown option '--frobnicate'", at: ["make", "box"]) {
            try Sample.parse(["make", "box", "--frobnicate"])
        }
    }

    @Test("a flag that is not negatable has no --no- form")
    func noNegationForPlainFlag() {
        Sample.expectError("unknown option '--no-tape'", at: ["make", "box"]) {
            try Sample.parse(["make", "box", "--no-tape"])
        }
    }

    @Test("an option of another command is unknown here")
    func optionOfAnotherCommand() {
        Sample.expectError("unknown option '--slats'", at: ["make", "box"]) {
            try Sample.parse(["make", "box", "--slats", "4"])
        }
    }
}
