import Testing
import Transport

@testable import AMQP10

@Suite("IdleSchedule")
struct IdleScheduleTests {
    private let start = Deadline(nanoseconds: 1_000_000_000_000)

    @Test("sends an empty frame at half the peer's idle-time-out")
    func emptyFrames() {
        var schedule = IdleSchedule(peerIdleTimeOut: 10_000, ourIdleTimeOut: 0, now: start)
        #expect(schedule.due(at: start.adding(seconds: 4.9)) == .nothing)
        #expect(schedule.due(at: start.adding(seconds: 5)) == .emptyFrame)
        schedule.sent(at: start.adding(seconds: 5))
        #expect(schedule.due(at: start.adding(seconds: 9)) == .nothing)
        #expect(schedule.nextCheck(before: start.adding(seconds: 60)) == start.adding(seconds: 10))
    }

    @Test("the peer counts as silent after our idle-time-out, and anything it sends resets that")
    func peerSilent() {
        var schedule = IdleSchedule(peerIdleTimeOut: nil, ourIdleTimeOut: 2, now: start)
        #expect(schedule.due(at: start.adding(seconds: 1.9)) == .nothing)
        schedule.received(at: start.adding(seconds: 1.9))
        #expect(schedule.due(at: start.adding(seconds: 3)) == .nothing)
        #expect(schedule.due(at: start.adding(seconds: 3.9)) == .peerSilent(seconds: 2))
    }

    @Test("with no idle-time-out on either side nothing is ever due")
    func none() {
        let schedule = IdleSchedule(peerIdleTimeOut: nil, ourIdleTimeOut: 0, now: start)
        #expect(schedule.due(at: start.adding(seconds: 1e6)) == .nothing)
        #expect(schedule.nextCheck(before: start.adding(seconds: 7)) == start.adding(seconds: 7))
    }
}
