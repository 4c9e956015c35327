import ArgumentParsing
import Testing

@Suite("Parse errors say what is wrong and where in argv")
struct ParseErrorTests {
    /// The error parsing `argv` throws (nil when it parses).
    private func error(_ argv: [String], environment: Environment = [:]) -> ParseError? {
        do {
            _ = try Sample.parse(argv, environment: environment)
            return nil
        } catch {
            return error
        }
    }

    @Test(
        "each problem carries its words and the index of the word at fault",
        arguments: [
            (
                ["mke"],
                ParseError(
                    .unknownCommand("mke", group: [], expected: ["make", "send", "cat", "repeat"], suggestion: "make"),
                    at: 0, commandPath: [])
            ),
            (
                ["-v", "make", "bx"],
                ParseError(
                    .unknownCommand("bx", group: ["make"], expected: ["box", "crate"], suggestion: "box"), at: 2,
                    commandPath: ["make"])
            ),
            (
                ["make"],
                ParseError(
                    .missingCommand(group: ["make"], expected: ["box", "crate"]), at: nil, commandPath: ["make"])
            ),
            (
                ["make", "box", "--siz", "3"],
                ParseError(.unknownOption("--siz", suggestion: "--size"), at: 2, commandPath: ["make", "box"])
            ),
            (
                ["make", "box", "-vz"],
                ParseError(.unknownOption("-z", suggestion: nil), at: 2, commandPath: ["make", "box"])
            ),
            (
                ["make", "box", "--tape=yes"],
                ParseError(.unexpectedValue(option: "--tape"), at: 2, commandPath: ["make", "box"])
            ),
            (
                ["make", "box", "--size"],
                ParseError(.missingValue(option: "--size", valueName: "N"), at: 2, commandPath: ["make", "box"])
            ),
            (
                ["make", "box", "x", "--size", "900"],
                ParseError(
                    .badValue(option: "--size", problem: "900 is out of range (1 to 100)"), at: 4,
                    commandPath: ["make", "box"])
            ),
            (
                ["make", "box", "--size=0"],
                ParseError(
                    .badValue(option: "--size", problem: "0 is out of range (1 to 100)"), at: 2,
                    commandPath: ["make", "box"])
            ),
            (
                ["make", "box", "-n", "5", "--size", "6"],
                ParseError(.givenTwice(option: "--size"), at: 4, commandPath: ["make", "box"])
            ),
            (["make", "crate"], ParseError(.missingArgument("NAME"), at: nil, commandPath: ["make", "crate"])),
            (
                ["repeat", "9"],
                ParseError(.badArgument("TIMES", problem: "9 is out of range (1 to 3)"), at: 1, commandPath: ["repeat"])
            ),
            (["send", "a", "b", "c"], ParseError(.unexpectedArgument("c"), at: 3, commandPath: ["send"])),
        ])
    func problems(argv: [String], expected: ParseError) {
        #expect(error(argv) == expected)
    }

    @Test("a bad value in the environment names the variable and has no place in argv")
    func environment() {
        let expected = ParseError(
            .badEnvironmentValue(variable: "DEMO_SIZE", option: "--size", problem: "'big' is not a whole number"),
            at: nil,
            commandPath: ["make", "box"])
        #expect(error(["make", "box"], environment: ["DEMO_SIZE": "big"]) == expected)
    }
}
