import AMQPWire
import Testing

@testable import AMQP

@Suite("Publisher-confirm bookkeeping")
struct ConfirmTrackerTests {
    /// A tracker with `count` messages published to exchange "" with routing keys "k1", "k2", ...
    func tracker(publishing count: Int) -> ConfirmTracker {
        var tracker = ConfirmTracker()
        for index in 1...count {
            let sequence = tracker.published(exchange: "", routingKey: "k\(index)")
            #expect(sequence == UInt64(index))
        }
        return tracker
    }

    func noRoute(_ routingKey: String, exchange: String = "") -> ReturnedMessage {
        ReturnedMessage(replyCode: .noRoute, replyText: "NO_ROUTE", exchange: exchange, routingKey: routingKey)
    }

    @Test("sequence numbers start at 1 and count every publish")
    func sequenceNumbers() {
        let tracker = tracker(publishing: 3)
        #expect(tracker.nextSequence == 4)
        #expect(tracker.outstanding == 3)
    }

    @Test("single acks settle one message each")
    func singleAcks() throws {
        var tracker = tracker(publishing: 2)
        let first = try tracker.settle(tag: 1, multiple: false, acked: true)
        #expect(first == [Confirmation(sequence: 1, outcome: .acked)])
        #expect(tracker.outstanding == 1)
        let second = try tracker.settle(tag: 2, multiple: false, acked: true)
        #expect(second == [Confirmation(sequence: 2, outcome: .acked)])
        #expect(tracker.outstanding == 0)
    }

    @Test("a multiple ack settles every unsettled message up to its tag, oldest first")
    func multipleAck() throws {
        var tracker = tracker(publishing: 5)
        let confirmations = try tracker.settle(tag: 3, multiple: true, acked: true)
        #expect(confirmations.map(\.sequence) == [1, 2, 3])
        #expect(confirmations.allSatisfy { $0.outcome == .acked })
        #expect(tracker.outstanding == 2)
    }

    @Test("a multiple ack skips messages already settled singly")
    func multipleAfterSingle() throws {
        var tracker = tracker(publishing: 4)
        _ = try tracker.settle(tag: 2, multiple: false, acked: true)
        let rest = try tracker.settle(tag: 4, multiple: true, acked: true)
        #expect(rest.map(\.sequence) == [1, 3, 4])
        #expect(tracker.outstanding == 0)
    }

    @Test("nacks, single and multiple, settle as nacked")
    func nacks() throws {
        var tracker = tracker(publishing: 3)
        let multiple = try tracker.settle(tag: 2, multiple: true, acked: false)
        #expect(multiple == [Confirmation(sequence: 1, outcome: .nacked), Confirmation(sequence: 2, outcome: .nacked)])
        let single = try tracker.settle(tag: 3, multiple: false, acked: false)
        #expect(single == [Confirmation(sequence: 3, outcome: .nacked)])
        #expect(tracker.outstanding == 0)
    }

    @Test("single acks out of order settle exactly the message named")
    func outOfOrder() throws {
        var tracker = tracker(publishing: 4)
        var settled: [UInt64] = []
        for tag: UInt64 in [3, 1, 4] {
            settled += try tracker.settle(tag: tag, multiple: false, acked: true).map(\.sequence)
        }
        #expect(settled == [3, 1, 4])
        #expect(tracker.outstanding == 1)
        let last = try tracker.settle(tag: 2, multiple: false, acked: true)
        #expect(last.map(\.sequence) == [2])
        #expect(tracker.outstanding == 0)
        #expect(tracker.nextSequence == 5)
    }

    @Test("a return is matched to its message, which then settles as returned")
    func returned() throws {
        var tracker = ConfirmTracker()
        _ = tracker.published(exchange: "orders", routingKey: "eu")
        _ = tracker.published(exchange: "orders", routingKey: "nowhere")
        _ = tracker.published(exchange: "orders", routingKey: "us")
        let matched = tracker.returned(noRoute("nowhere", exchange: "orders"))
        #expect(matched)
        let confirmations = try tracker.settle(tag: 3, multiple: true, acked: true)
        #expect(
            confirmations == [
                Confirmation(sequence: 1, outcome: .acked),
                Confirmation(sequence: 2, outcome: .returned(noRoute("nowhere", exchange: "orders"))),
                Confirmation(sequence: 3, outcome: .acked),
            ])
    }

    @Test("returns with the same exchange and key match their messages oldest first")
    func returnsInOrder() throws {
        var tracker = ConfirmTracker()
        for _ in 0..<3 { _ = tracker.published(exchange: "", routingKey: "same") }
        let matched = [tracker.returned(noRoute("same")), tracker.returned(noRoute("same"))]
        #expect(matched == [true, true])
        let outcomes = try tracker.settle(tag: 3, multiple: true, acked: true).map(\.outcome)
        #expect(outcomes == [.returned(noRoute("same")), .returned(noRoute("same")), .acked])
    }

    @Test("a return matches no settled message, nor one of another exchange or key")
    func unmatchedReturn() throws {
        var tracker = tracker(publishing: 2)
        _ = try tracker.settle(tag: 1, multiple: false, acked: true)
        let matched = [tracker.returned(noRoute("k1")), tracker.returned(noRoute("k2", exchange: "other"))]
        #expect(matched == [false, false])
        let second = try tracker.settle(tag: 2, multiple: false, acked: true)
        #expect(second == [Confirmation(sequence: 2, outcome: .acked)])
    }

    @Test("a tag never published is a protocol violation", arguments: [(0, false), (3, false), (3, true), (99, true)])
    func unknownTag(tag: UInt64, multiple: Bool) throws {
        var tracker = tracker(publishing: 2)
        let error = try #require(throws: ProtocolViolation.self) {
            try tracker.settle(tag: tag, multiple: multiple, acked: true)
        }
        #expect(error == .unknownConfirm(tag: tag))
        #expect(tracker.outstanding == 2)
    }

    @Test("acking one message twice is a protocol violation, before and after compaction")
    func doubleAck() throws {
        var tracker = tracker(publishing: 3)
        _ = try tracker.settle(tag: 2, multiple: false, acked: true)
        let pending = try #require(throws: ProtocolViolation.self) {
            try tracker.settle(tag: 2, multiple: false, acked: true)
        }
        #expect(pending == .repeatedConfirm(tag: 2))
        _ = try tracker.settle(tag: 1, multiple: false, acked: true)
        let forgotten = try #require(throws: ProtocolViolation.self) {
            try tracker.settle(tag: 1, multiple: false, acked: false)
        }
        // Once tag 1 is settled and compacted away, the tracker no longer knows it was published.
        #expect(forgotten == .unknownConfirm(tag: 1))
        #expect(tracker.outstanding == 1)
    }

    @Test("a repeated multiple ack settles nothing more, and is no error")
    func repeatedMultiple() throws {
        var tracker = tracker(publishing: 3)
        _ = try tracker.settle(tag: 2, multiple: true, acked: true)
        let again = try tracker.settle(tag: 2, multiple: true, acked: true)
        let older = try tracker.settle(tag: 1, multiple: true, acked: true)
        #expect(again.isEmpty)
        #expect(older.isEmpty)
        #expect(tracker.outstanding == 1)
    }

    @Test("tens of thousands of messages settle correctly while storage is compacted")
    func compaction() throws {
        var tracker = ConfirmTracker()
        var next: UInt64 = 1
        for _ in 0..<20 {
            let first = next
            for _ in 0..<3_000 {
                let sequence = tracker.published(exchange: "", routingKey: "k\(next)")
                #expect(sequence == next)
                next += 1
            }
            // In-order single acks move the head past most of the storage while the rest is
            // still open, which is when the tracker compacts it.
            var singles: [AMQP.Confirmation] = []
            for tag in first..<(first + 2_000) { singles += try tracker.settle(tag: tag, multiple: false, acked: true) }
            #expect(singles == (first..<(first + 2_000)).map { Confirmation(sequence: $0, outcome: .acked) })
            #expect(tracker.outstanding == 1_000)

            let matched = tracker.returned(noRoute("k\(first + 2_500)"))
            #expect(matched)
            let last = try tracker.settle(tag: next - 1, multiple: false, acked: false)
            #expect(last == [Confirmation(sequence: next - 1, outcome: .nacked)])
            let rest = try tracker.settle(tag: next - 2, multiple: true, acked: true)
            #expect(
                rest
                    == ((first + 2_000)..<(next - 1)).map { sequence in
                        let outcome: AMQP.Confirmation.Outcome =
                            sequence == first + 2_500 ? .returned(noRoute("k\(sequence)")) : .acked
                        return Confirmation(sequence: sequence, outcome: outcome)
                    })
            #expect(tracker.outstanding == 0)
            #expect(tracker.nextSequence == next)
        }
        let late = try #require(throws: ProtocolViolation.self) {
            try tracker.settle(tag: 1, multiple: false, acked: true)
        }
        #expect(late == .unknownConfirm(tag: 1))
    }

    @Test("returns find their messages across runs of other routes, also after earlier runs are retired")
    func returnsAcrossRuns() throws {
        var tracker = ConfirmTracker()
        for key in ["a", "b", "b", "a", "c"] { _ = tracker.published(exchange: "x", routingKey: key) }
        let matches = [
            tracker.returned(noRoute("a", exchange: "x")), tracker.returned(noRoute("a", exchange: "x")),
            tracker.returned(noRoute("a", exchange: "x")), tracker.returned(noRoute("a", exchange: "other")),
        ]
        #expect(matches == [true, true, false, false])
        let first = try tracker.settle(tag: 3, multiple: true, acked: true)
        #expect(first.map(\.outcome) == [.returned(noRoute("a", exchange: "x")), .acked, .acked])
        // Messages 1-3 are retired; the run of "a" that message 4 belongs to is still found.
        for key in ["c", "a"] { _ = tracker.published(exchange: "x", routingKey: key) }
        let matchedC = tracker.returned(noRoute("c", exchange: "x"))
        #expect(matchedC)
        let rest = try tracker.settle(tag: 7, multiple: true, acked: true)
        #expect(
            rest == [
                Confirmation(sequence: 4, outcome: .returned(noRoute("a", exchange: "x"))),
                Confirmation(sequence: 5, outcome: .returned(noRoute("c", exchange: "x"))),
                Confirmation(sequence: 6, outcome: .acked),
                Confirmation(sequence: 7, outcome: .acked),
            ])
        #expect(tracker.outstanding == 0)
    }
}
