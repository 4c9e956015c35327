import ArgumentParsing
import Testing

@Suite("Defaults and environment variables")
struct EnvironmentTests {
    @Test("an option not given takes its default")
    func defaultValue() throws {
        let parsed = try Sample.parse(["make", "box"])
        #expect(parsed.value("size") == "10")
        #expect(parsed.integer("size") == 10)
        #expect(parsed.value("color") == "red")
        #expect(parsed.source("size") == .defaultValue)
        #expect(!parsed.isSet("size"))
    }

    @Test("an option with no default and not given has no value")
    func noDefault() throws {
        let parsed = try Sample.parse(["make", "box"])
        #expect(parsed.value("wait") == nil)
        #expect(parsed.duration("wait") == nil)
        #expect(parsed.values("wait") == [])
    }

    @Test("reading an option the command does not declare stops a debug build (an assertion), not a silent nil")
    func undeclared() async throws {
        #expect(try !Sample.parse(["make", "box"]).declares("slats"))
        #expect(try Sample.parse(["make", "crate", "c"]).declares("slats"))
        await #expect(processExitsWith: .failure) {
            _ = try? Sample.parse(["make", "box"]).values("slats")
        }
    }

    @Test("the environment variable stands in for an option not given")
    func environmentFallback() throws {
        let parsed = try Sample.parse(["make", "box"], environment: ["DEMO_SIZE": "20"])
        #expect(parsed.integer("size") == 20)
        #expect(parsed.source("size") == .environment)
        #expect(parsed.isSet("size"))
    }

    @Test("the command line beats the environment variable")
    func flagBeatsEnvironment() throws {
        let parsed = try Sample.parse(["make", "box", "--size", "30"], environment: ["DEMO_SIZE": "20"])
        #expect(parsed.integer("size") == 30)
        #expect(parsed.source("size") == .commandLine)
    }

    @Test("a global option falls back to its environment variable too")
    func globalEnvironment() throws {
        let parsed = try Sample.parse(["send", "t"], environment: ["DEMO_SERVER": "remote"])
        #expect(parsed.value("server") == "remote")
        #expect(parsed.source("server") == .environment)
    }

    @Test("unrelated environment variables change nothing")
    func unrelatedVariables() throws {
        let parsed = try Sample.parse(["make", "box"], environment: ["SIZE": "20", "HOME": "/root"])
        #expect(parsed.integer("size") == 10)
        #expect(parsed.source("size") == .defaultValue)
    }

    @Test(
        "each source has the name shown to users",
        arguments: [
            (ParsedCommand.Source.commandLine, "flag"),
            (.environment, "env"),
            (.defaultValue, "default"),
        ])
    func sourceNames(source: ParsedCommand.Source, name: String) {
        #expect(source.rawValue == name)
    }

    @Test("a bad value in the environment variable is an error naming the variable")
    func badEnvironmentValue() {
        Sample.expectError("bad value in DEMO_SIZE for '--size': 'abc' is not a whole number", at: ["make", "box"]) {
            try Sample.parse(["make", "box"], environment: ["DEMO_SIZE": "abc"])
        }
    }

    @Test("a bad value in a global option's variable is an error at the command given")
    func badGlobalEnvironmentValue() {
        let message = "bad value in DEMO_TIMEOUT for '--timeout': 'soon' is not a duration (e.g. 500ms, 30s, 5m, 2h)"
        Sample.expectError(message, at: ["send"]) {
            try Sample.parse(["send", "t"], environment: ["DEMO_TIMEOUT": "soon"])
        }
    }

    @Test("a bad variable does not matter when the option is given on the command line")
    func badEnvironmentOverridden() throws {
        let parsed = try Sample.parse(["make", "box", "-n", "5"], environment: ["DEMO_SIZE": "abc"])
        #expect(parsed.integer("size") == 5)
    }

    @Test("a bad variable for another command's option does not matter")
    func badEnvironmentElsewhere() throws {
        let parsed = try Sample.parse(["send", "t"], environment: ["DEMO_SIZE": "abc"])
        #expect(parsed.path == ["send"])
    }
}
