import ArgumentParsing
import Testing

@testable import MQCommands

@Suite("A stream age is what the broker reads: a number above 0 and one unit")
struct StreamAgeTests {
    @Test(
        "each unit the broker knows is taken, and sent as written", arguments: ["7D", "12h", "30m", "90s", "1Y", "6M"])
    func taken(text: String) throws {
        #expect(try StreamAge(text: text).text == text)
    }

    @Test(
        "what the broker would refuse is refused before connecting",
        arguments: ["1w", "0D", "D", "7", "7d", "1h30m", "+7D", "-7D", " 7D", "7D ", "1.5h", ""])
    func refused(text: String) {
        #expect(throws: ValueProblem("'\(text)' is not an age: a number and one of Y, M, D, h, m, s (7D, 12h)")) {
            try StreamAge(text: text)
        }
    }

    @Test("--offset takes the same ages, and no others")
    func offsetAges() throws {
        #expect(try StreamOffset(text: "2D") == .age("2D"))
        #expect(throws: ValueProblem.self) { try StreamOffset(text: "+2D") }
    }
}
