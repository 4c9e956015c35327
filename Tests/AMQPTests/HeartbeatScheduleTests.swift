import Testing
import Transport

@testable import AMQP

@Suite("The heartbeat schedule, on a clock the test steps")
struct HeartbeatScheduleTests {
    static let start = Deadline(nanoseconds: 1_000_000_000_000)

    /// `seconds` after the start.
    static func at(_ seconds: Double) -> Deadline { start.adding(seconds: seconds) }

    @Test("a heartbeat is due after half an interval of our silence, and sending puts it off")
    func heartbeatDue() {
        var schedule = HeartbeatSchedule(interval: 10, now: Self.start)
        #expect(schedule.due(at: Self.at(4.9)) == .nothing)
        #expect(schedule.due(at: Self.at(5)) == .heartbeat)
        schedule.sent(at: Self.at(5))
        schedule.received(at: Self.at(5))
        #expect(schedule.due(at: Self.at(9.9)) == .nothing)
        #expect(schedule.due(at: Self.at(10)) == .heartbeat)
    }

    @Test("the broker counts as gone after two intervals without a byte from it, whatever we sent")
    func brokerSilent() {
        var schedule = HeartbeatSchedule(interval: 10, now: Self.start)
        for second in stride(from: 5.0, through: 15, by: 5) { schedule.sent(at: Self.at(second)) }
        #expect(schedule.due(at: Self.at(19.9)) == .nothing)
        #expect(schedule.due(at: Self.at(20)) == .brokerSilent(seconds: 20))
        schedule.received(at: Self.at(20))
        #expect(schedule.due(at: Self.at(20)) == .heartbeat)
    }

    @Test("a wait wakes for the next heartbeat or the broker's deadline, whichever comes first")
    func nextCheck() {
        var schedule = HeartbeatSchedule(interval: 10, now: Self.start)
        #expect(schedule.nextCheck(before: Self.at(60)) == Self.at(5))
        #expect(schedule.nextCheck(before: Self.at(2)) == Self.at(2))
        schedule.sent(at: Self.at(18))
        #expect(schedule.nextCheck(before: Self.at(60)) == Self.at(20))
    }

    @Test("with heartbeats off nothing is ever due and a wait keeps its own deadline")
    func off() {
        let schedule = HeartbeatSchedule(interval: 0, now: Self.start)
        #expect(schedule.due(at: Self.at(1_000_000)) == .nothing)
        #expect(schedule.nextCheck(before: Self.at(60)) == Self.at(60))
    }
}
