import ArgumentParsing
import Testing

@Suite("Durations")
struct DurationTests {
    @Test(
        "durations read as people write them",
        arguments: [
            ("500ms", 0.5),
            ("30s", 30),
            ("5m", 300),
            ("2h", 7200),
            ("1d", 86400),
            ("1.5s", 1.5),
            ("0.25", 0.25),
            ("45", 45),
            ("0", 0),
            ("0s", 0),
        ])
    func readable(text: String, seconds: Double) throws {
        let value = try #require(DurationText.seconds(text))
        #expect(abs(value - seconds) < 1e-9)
    }

    @Test(
        "anything else is not a duration",
        arguments: [
            "", "s", "ms", "soon", "5x", "5 s", " 5s", "-1s", "-3", "1h30m", "5S", "inf", "nan", "infs",
        ])
    func unreadable(text: String) {
        #expect(DurationText.seconds(text) == nil)
    }

    @Test("a duration option reads as seconds")
    func option() throws {
        let parsed = try Sample.parse(["make", "box", "--wait", "1.5s", "--timeout", "500ms"])
        #expect(parsed.duration("wait") == 1.5)
        #expect(try abs(#require(parsed.duration("timeout")) - 0.5) < 1e-9)
    }

    @Test("a duration option's default reads as seconds")
    func optionDefault() throws {
        let parsed = try Sample.parse(["make", "box"])
        #expect(parsed.duration("timeout") == 10)
    }

    @Test("a bad duration is refused with examples of good ones")
    func refused() {
        Sample.expectError(
            "bad value for '--wait': '5x' is not a duration (e.g. 500ms, 30s, 5m, 2h)", at: ["make", "box"]
        ) {
            try Sample.parse(["make", "box", "--wait", "5x"])
        }
    }
}
