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

    @Test("an option that is not repeatable keeps the last value given")
    func lastWins() throws {
        let parsed = try Sample.parse(["send", "t", "-k", "one", "--key", "two", "--key=three"])
        #expect(parsed.value("key") == "three")
        #expect(parsed.values("key") == ["three"])
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

    @Test("the last of a flag and its --no- form wins", arguments: [
        (["--no-sturdy", "--sturdy"], true),
        (["--sturdy", "--no-sturdy"], false),
        (["--no-sturdy", "--sturdy", "--no-sturdy"], false),
    ])
    func lastOfFlagAndNegation(words: [String], expected: Bool) throws {
        let parsed = try Sample.parse(["make", "box"] + words)
        #expect(parsed.flag("sturdy") == expected)
    }
}
