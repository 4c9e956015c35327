import AMQPWire
import ArgumentParsing
import Testing

@testable import AMQP
@testable import MQCommands

@Suite("mq move's parts")
struct MovePartsTests {
    private func delivery(tag: UInt64, key: String = "k", headers: FieldTable? = nil) -> Delivery {
        var properties = BasicProperties()
        properties.headers = headers
        return Delivery(
            consumerTag: "c", deliveryTag: tag, redelivered: false, exchange: "in", routingKey: key, messageCount: nil,
            properties: properties,
            body: [])
    }

    private let address = MoveTarget.Address(exchange: "", routingKey: "q")

    @Test("the source may be acked only up to the oldest message the destination has not acked")
    func ackedPrefix() {
        var inFlight = InFlight()
        for tag in 1...5 {
            inFlight.published(delivery(tag: UInt64(tag + 10)), sequence: UInt64(tag), address: address)
        }
        inFlight.record([Confirmation(sequence: 2, outcome: .acked), Confirmation(sequence: 3, outcome: .acked)])
        #expect(inFlight.takeAcked() == nil)
        inFlight.record([Confirmation(sequence: 1, outcome: .acked)])
        #expect(inFlight.takeAcked().map { [$0.tag.value, UInt64($0.count)] } == [13, 3])
        #expect(inFlight.count == 2)
        let returned = ReturnedMessage(replyCode: .noRoute, replyText: "NO_ROUTE", exchange: "", routingKey: "q")
        inFlight.record([
            Confirmation(sequence: 4, outcome: .returned(returned)), Confirmation(sequence: 5, outcome: .acked),
        ])
        #expect(inFlight.takeAcked() == nil)
        #expect(inFlight.firstRefused?.tag.value == 14)
        inFlight.published(delivery(tag: 16), sequence: 6, address: address)
        let (acked, refused, unconfirmed) = inFlight.takeAll()
        #expect(acked.map(\.tag.value) == [15])
        #expect(refused.map(\.tag.value) == [14])
        #expect(unconfirmed.map(\.delivery) == [delivery(tag: 16)])
        #expect(inFlight.count == 0)
    }

    @Test("a queue, an exchange with a key or the message's own, and the origin in x-death")
    func targets() {
        let plain = delivery(tag: 1, key: "orders.new")
        #expect(MoveTarget.queue("b").address(for: plain) == .init(exchange: "", routingKey: "b"))
        #expect(
            MoveTarget.exchange("x", key: nil).address(for: plain) == .init(exchange: "x", routingKey: "orders.new"))
        #expect(MoveTarget.exchange("x", key: "k2").address(for: plain) == .init(exchange: "x", routingKey: "k2"))
        let death: FieldTable = [
            "x-death": .array([
                .table([
                    "exchange": .string("events"), "routing-keys": .array([.string("first"), .string("second")]),
                    "queue": .string("work"),
                ]),
                .table(["exchange": .string("older"), "routing-keys": .array([.string("old")])]),
            ])
        ]
        let dead = delivery(tag: 2, key: "dlq-key", headers: death)
        #expect(MoveTarget.origin(fallback: nil).address(for: dead) == .init(exchange: "events", routingKey: "first"))
        #expect(MoveTarget.origin(fallback: nil).address(for: plain) == nil)
        #expect(
            MoveTarget.origin(fallback: .exchange("", key: "work")).address(for: plain)
                == .init(exchange: "", routingKey: "work"))
    }

    @Test("the destination's options are the global ones under --to-, falling back to the source's until --to-url")
    func destinationOptions() throws {
        let names = Move.destination.specs.map(\.name)
        #expect(names == GlobalOptions.broker.specs.map { "to-" + $0.name })
        #expect(Move.destination.password.spec.secrecy == .whole)
        #expect(Move.destination.url.spec.environment == "MQ_TO_URL")
        #expect(Move.destination.url.spec.secrecy == .urlPassword)
        let parser = Parser(root: CommandTree.root, environment: [:])
        let same = try parser.parse(["move", "a", "--to-queue", "b", "--url", "amqp://u:p@h1/v1", "--to-vhost", "v2"])
        let sameSettings = try Move.destination.candidates(same)
        #expect(sameSettings.map(\.host) == ["h1"])
        #expect(sameSettings.map(\.user) == ["u"])
        #expect(sameSettings.map(\.virtualHost) == ["v2"])
        let other = try parser.parse([
            "move", "a", "--to-queue", "b", "--url", "amqp://u:p@h1/v1", "--to-url", "amqp://h2",
        ])
        let otherSettings = try Move.destination.candidates(other)
        #expect(otherSettings.map(\.host) == ["h2"])
        #expect(otherSettings.map(\.user) == ["guest"])
        #expect(otherSettings.map(\.virtualHost) == ["/"])
    }
}
