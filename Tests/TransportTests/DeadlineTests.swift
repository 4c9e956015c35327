import Testing
import Transport

@Suite("Deadline arithmetic saturates instead of trapping")
struct DeadlineTests {
    @Test("huge and infinite seconds give the distant future, from any deadline", arguments: [1e11, 1e19, 1e308, .infinity])
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
}
