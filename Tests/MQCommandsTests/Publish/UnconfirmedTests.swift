import AMQPWire
import Testing

@testable import AMQP
@testable import MQCommands

@Suite("The messages publish keeps until they are confirmed")
struct UnconfirmedTests {
    private let envelope = Envelope(exchange: "", routingKey: "q", properties: BasicProperties())

    private func message(_ text: String) -> OutgoingMessage {
        OutgoingMessage(body: ArraySlice(text.utf8), envelope: envelope)
    }

    private func bodies(_ messages: [OutgoingMessage]) -> [String] {
        messages.map { String(decoding: $0.body, as: UTF8.self) }
    }

    @Test(
        "settled messages are let go in any order; the rest are taken oldest first, bodies intact, and numbering starts again"
    )
    func settleAndTake() {
        var unconfirmed = Unconfirmed()
        for (index, text) in ["a", "bb", "", "dddd", "e"].enumerated() {
            unconfirmed.published(message(text), sequence: UInt64(index + 1))
        }
        unconfirmed.settle([Confirmation(sequence: 2, outcome: .acked), Confirmation(sequence: 4, outcome: .nacked)])
        #expect(unconfirmed.count == 3)
        unconfirmed.settle([Confirmation(sequence: 1, outcome: .acked)])
        #expect(unconfirmed.count == 2)
        #expect(bodies(unconfirmed.takeAll()) == ["", "e"])
        #expect(unconfirmed.count == 0)
        unconfirmed.published(message("again"), sequence: 1)
        #expect(bodies(unconfirmed.takeAll()) == ["again"])
    }

    @Test("a long run keeps only the window: what is settled at the front is dropped, and what is left keeps its bytes")
    func longRun() {
        var unconfirmed = Unconfirmed()
        var sequence: UInt64 = 0
        for round in 0..<10 {
            for item in 0..<1000 {
                sequence += 1
                unconfirmed.published(message("m\(round)-\(item)"), sequence: sequence)
            }
            // Everything but the last 10 of each round is confirmed.
            unconfirmed.settle((sequence - 999...sequence - 10).map { Confirmation(sequence: $0, outcome: .acked) })
        }
        #expect(unconfirmed.count == 100)
        let left = bodies(unconfirmed.takeAll())
        #expect(left == (0..<10).flatMap { round in (990..<1000).map { "m\(round)-\($0)" } })
    }
}
