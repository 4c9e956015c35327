import ArgumentParsing
import Testing

@testable import MQCommands

@Suite("--until TIME: a time, or an age back from now")
struct StreamTimeTests {
    @Test("ISO 8601 and @SECONDS are times; an age in s, m, h or D is counted back from now")
    func forms() throws {
        #expect(try StreamTime(text: "2026-11-29T12:00:00Z") == .at(1_795_953_600))
        #expect(try StreamTime(text: "@1795953600") == .at(1_795_953_600))
        #expect(try StreamTime(text: "90s") == .ago(90))
        #expect(try StreamTime(text: "10m") == .ago(600))
        #expect(try StreamTime(text: "2h") == .ago(7200))
        #expect(try StreamTime(text: "2D") == .ago(172_800))
        #expect(StreamTime.ago(600).seconds(now: 10_000) == 9400)
        #expect(StreamTime.ago(600).seconds(now: 10) == 0, "never before 1970")
        #expect(StreamTime.at(5).seconds(now: 10_000) == 5)
    }

    @Test("months and years (no fixed length), other units and bare numbers are refused, naming the word")
    func refused() {
        for text in ["1M", "1Y", "1w", "10", "-1h", "@x", "0h", ""] {
            #expect(throws: ValueProblem.self, "\(text)") { try StreamTime(text: text) }
        }
    }
}
