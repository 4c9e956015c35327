import ArgumentParsing
import Testing

@Suite("Short options")
struct ShortOptionTests {
    @Test("-n value takes the next word as the value")
    func separateValue() throws {
        let parsed = try Sample.parse(["make", "box", "-n", "5"])
        #expect(parsed.integer("size") == 5)
        #expect(parsed.source("size") == .commandLine)
    }

    @Test("-n5 takes the rest of the word as the value")
    func attachedValue() throws {
        let parsed = try Sample.parse(["make", "box", "-n5"])
        #expect(parsed.integer("size") == 5)
    }

    @Test("flags pack into one word")
    func packedFlags() throws {
        let parsed = try Sample.parse(["make", "box", "-tvq"])
        #expect(parsed.flag("tape"))
        #expect(parsed.flag("verbose"))
        #expect(parsed.flag("quiet"))
    }

    @Test("packed flags may end with an option and its value")
    func packedFlagsThenValue() throws {
        let parsed = try Sample.parse(["make", "box", "-tn42"])
        #expect(parsed.flag("tape"))
        #expect(parsed.integer("size") == 42)
    }

    @Test("packed flags may end with an option whose value is the next word")
    func packedFlagsThenSeparateValue() throws {
        let parsed = try Sample.parse(["make", "box", "-tn", "42", "parcel"])
        #expect(parsed.flag("tape"))
        #expect(parsed.integer("size") == 42)
        #expect(parsed.argument("NAME") == "parcel")
    }

    @Test("an unknown letter is named")
    func unknownLetter() {
        Sample.expectError("unknown option '-x'", at: ["make", "box"]) {
            try Sample.parse(["make", "box", "-tx"])
        }
    }

    @Test("a letter that needs a value at the end of the line is an error naming the value")
    func missingValue() {
        Sample.expectError("option '-n' needs a value (N)", at: ["make", "box"]) {
            try Sample.parse(["make", "box", "-n"])
        }
    }

    @Test("an attached value is checked like any other")
    func attachedValueChecked() {
        Sample.expectError("bad value for '--size': 0 is out of range (1 to 100)", at: ["make", "box"]) {
            try Sample.parse(["make", "box", "-n0"])
        }
    }

    @Test("a lone dash is a word, not an option")
    func loneDash() throws {
        let parsed = try Sample.parse(["cat", "-", "b"])
        #expect(parsed.arguments("FILES") == ["-", "b"])
    }
}
