import ArgumentParsing
import Testing

@Suite("Repeated options and flags")
struct RepetitionTests {
    @Test("a repeatable option collects every value in order, whatever form each takes")
    func repeatableAccumulates() throws {
        let parsed = try Sample.parse(["make", "box", "--label", "a=1", "-l", "b=2", "--label=c=3", "-ld=4"])
        #expect(parsed.values("label") == ["a=1", "b=2", "c=3", "d=4"])
        #expect(parsed.value("label") == "d=4")
    }

    @Test("a repeatable option not given has no values")
    func repeatableAbsent() throws {
        let parsed = try Sample.parse(["make", "box"])
        #expect(parsed.values("label") == [])
        #expect(parsed.value("label") == nil)
    }

    @Test(
        "an option that holds one value, given again with another, is refused: the first would be lost silently",
        arguments: [
            (["send", "t", "-k", "one", "--key", "two"], "--key", ["send"]),
            (["send", "t", "--key=one", "-kthree"], "--key", ["send"]),
            (["make", "box", "--color", "red", "--color", "blue"], "--color", ["make", "box"]),
            (["make", "box", "--wait=1s", "--wait", "2s"], "--wait", ["make", "box"]),
            (["--server", "a", "make", "box", "--server", "b"], "--server", ["make", "box"]),
        ])
    func oneValueGivenTwice(argv: [String], option: String, path: [String]) {
        Sample.expectError("option '\(option)' given twice; it holds one value", at: path) { try Sample.parse(argv) }
    }

    @Test("the same value twice loses nothing and is accepted")
    func sameValueTwice() throws {
        let parsed = try Sample.parse(["send", "t", "-k", "one", "-v", "--key=one", "-v"])
        #expect(parsed.value("key") == "one")
        #expect(parsed.values("key") == ["one"])
        #expect(parsed.flag("verbose"))
    }

    @Test("a flag is off unless given")
    func flagOff() throws {
        let parsed = try Sample.parse(["make", "box"])
        #expect(!parsed.flag("tape"))
        #expect(parsed.value("tape") == nil)
        #expect(parsed.source("tape") == .defaultValue)
    }

    @Test("a flag given is on")
    func flagOn() throws {
        let parsed = try Sample.parse(["make", "box", "--tape"])
        #expect(parsed.flag("tape"))
        #expect(parsed.value("tape") == "true")
    }

    @Test("a flag that defaults on stays on unless turned off")
    func flagDefaultOn() throws {
        let parsed = try Sample.parse(["make", "box"])
        #expect(parsed.flag("sturdy"))
        #expect(parsed.source("sturdy") == .defaultValue)
    }

    @Test("the --no- form turns a flag off, and counts as given")
    func negation() throws {
        let parsed = try Sample.parse(["make", "box", "--no-sturdy"])
        #expect(!parsed.flag("sturdy"))
        #expect(parsed.value("sturdy") == "false")
        #expect(parsed.source("sturdy") == .commandLine)
        #expect(parsed.isSet("sturdy"))
    }

    @Test(
        "a flag and its --no- form together are refused",
        arguments: [
            ["--no-sturdy", "--sturdy"],
            ["--sturdy", "--no-sturdy"],
            ["--sturdy", "--sturdy", "--no-sturdy"],
        ])
    func flagAndNegation(words: [String]) {
        Sample.expectError("option '--sturdy' given twice; it holds one value", at: ["make", "box"]) {
            try Sample.parse(["make", "box"] + words)
        }
    }
}
