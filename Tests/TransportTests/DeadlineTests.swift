import Testing
import Transport

@Suite("Deadline arithmetic saturates instead of trapping", .timeLimit(.minutes(5)))
struct DeadlineTests {
    @Test(
        "huge and infinite seconds give the distant future, from any deadline",
        arguments: [1e11, 1e19, 1e308, .infinity])
    func huge(seconds: Double) {
        #expect(Deadline.now.adding(seconds: seconds) == .distantFuture)
        #expect(Deadline.distantFuture.adding(seconds: seconds) == .distantFuture)
    }

    @Test("NaN, zero and negative seconds")
    func oddSeconds() {
        let start = Deadline(nanoseconds: 1_000)
        #expect(start.adding(seconds: .nan) == .distantFuture)
        #expect(start.adding(seconds: 0) == start)
        #expect(start.adding(seconds: -5) == start)
        #expect(start.adding(seconds: -.infinity) == start)
        #expect(start.adding(seconds: 1.5) == Deadline(nanoseconds: 1_500_001_000))
    }

    @Test("a sleep ends when its deadline passes, or at once when stop says so, even a year long")
    func sleep() {
        let short = Deadline.after(seconds: 0.02)
        short.sleep()
        #expect(short.hasPassed)
        var asked = 0
        let year = Deadline.after(seconds: 365 * 86_400)
        year.sleep(wakingEvery: 10) {
            asked += 1
            return asked > 2
        }
        #expect(asked == 3)
        #expect(!year.hasPassed)
    }
}
