import ArgumentParsing
import Testing

@Suite("Typed option values")
struct ValueKindTests {
    @Test("an integer at either end of its range is accepted", arguments: ["1", "100"])
    func integerInRange(text: String) throws {
        let parsed = try Sample.parse(["make", "box", "--size", text])
        #expect(parsed.integer("size") == Int64(text))
    }

    @Test(
        "an integer outside its range or not whole is refused, naming the option",
        arguments: [
            ("101", "101 is out of range (1 to 100)"),
            ("0", "0 is out of range (1 to 100)"),
            ("-1", "-1 is out of range (1 to 100)"),
            ("9223372036854775808", "9223372036854775808 is out of range (1 to 100)"),
            ("-9223372036854775809", "-9223372036854775809 is out of range (1 to 100)"),
            ("1e308", "'1e308' is not a whole number"),
            ("nan", "'nan' is not a whole number"),
            ("1.5", "'1.5' is not a whole number"),
            ("ten", "'ten' is not a whole number"),
            ("", "'' is not a whole number"),
        ])
    func integerRefused(text: String, problem: String) {
        Sample.expectError("bad value for '--size': \(problem)", at: ["make", "box"]) {
            try Sample.parse(["make", "box", "--size", text])
        }
    }

    @Test("a choice is accepted exactly")
    func choiceAccepted() throws {
        let parsed = try Sample.parse(["make", "box", "--color", "green"])
        #expect(parsed.value("color") == "green")
    }

    @Test(
        "a near-miss choice is refused with the list and the closest choice",
        arguments: [
            ("gren", "green"),
            ("Red", "red"),
            ("blu", "blue"),
        ])
    func choiceNearMiss(text: String, suggestion: String) {
        let message =
            "bad value for '--color': '\(text)' is not one of red, green, blue (did you mean '\(suggestion)'?)"
        Sample.expectError(message, at: ["make", "box"]) {
            try Sample.parse(["make", "box", "--color", text])
        }
    }

    @Test("a choice close to none is refused with the list only")
    func choiceFarOff() {
        Sample.expectError("bad value for '--color': 'purple' is not one of red, green, blue", at: ["make", "box"]) {
            try Sample.parse(["make", "box", "--color=purple"])
        }
    }

    @Test("suggested values are only suggestions: any value is accepted")
    func suggestionsAcceptAnything() throws {
        let parsed = try Sample.parse(["make", "box", "--shape", "sphere"])
        #expect(parsed.value("shape") == "sphere")
    }

    @Test("KEY=VALUE is accepted, with an empty value or more equals signs", arguments: ["k=v", "k=", "k=a=b"])
    func keyValueAccepted(text: String) throws {
        let parsed = try Sample.parse(["make", "box", "--label", text])
        #expect(parsed.values("label") == [text])
    }

    @Test("KEY=VALUE needs an equals sign after a non-empty key", arguments: ["kv", "=v", ""])
    func keyValueRefused(text: String) {
        Sample.expectError("bad value for '--label': '\(text)' is not KEY=VALUE", at: ["make", "box"]) {
            try Sample.parse(["make", "box", "--label", text])
        }
    }

    @Test("a bad value in a repeated option is refused even after good ones")
    func repeatedBadValue() {
        Sample.expectError("bad value for '--label': 'b' is not KEY=VALUE", at: ["make", "box"]) {
            try Sample.parse(["make", "box", "-l", "a=1", "-l", "b"])
        }
    }
}
