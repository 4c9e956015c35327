import AMQP10Wire
import Testing

@testable import MQCommands

@Suite("AMQP 1.0 addresses in the form each broker reads")
struct AMQP10AddressTests {
    @Test("RabbitMQ 4: /queues/Q and /exchanges/X/K, names percent-encoded; the default exchange is the key's queue")
    func rabbitMQ4() {
        #expect(AMQP10Address.target(exchange: "", routingKey: "orders", form: .rabbitMQ4) == "/queues/orders")
        #expect(AMQP10Address.target(exchange: "", routingKey: "a b/ü", form: .rabbitMQ4) == "/queues/a%20b%2F%C3%BC")
        #expect(AMQP10Address.target(exchange: "ev", routingKey: "o.new", form: .rabbitMQ4) == "/exchanges/ev/o.new")
        #expect(AMQP10Address.target(exchange: "fan", routingKey: "", form: .rabbitMQ4) == "/exchanges/fan")
    }

    @Test("RabbitMQ 3's plugin: /amq/queue/Q and /exchange/X/K; another broker: the plain name")
    func otherForms() {
        #expect(AMQP10Address.target(exchange: "", routingKey: "orders", form: .rabbitMQ3) == "/amq/queue/orders")
        #expect(AMQP10Address.target(exchange: "ev", routingKey: "k", form: .rabbitMQ3) == "/exchange/ev/k")
        #expect(AMQP10Address.target(exchange: "", routingKey: "orders", form: .plain) == "orders")
        #expect(AMQP10Address.target(exchange: "topic://ev", routingKey: "k", form: .plain) == "topic://ev")
    }

    @Test("the form comes from the open frame's product and version")
    func form() {
        #expect(
            AMQP10Address.Form(peerProperties: [.symbol("product"): "RabbitMQ", .symbol("version"): "4.0.9"])
                == .rabbitMQ4)
        #expect(
            AMQP10Address.Form(peerProperties: [.symbol("product"): "RabbitMQ", .symbol("version"): "3.10.7"])
                == .rabbitMQ3)
        #expect(AMQP10Address.Form(peerProperties: [.symbol("product"): "qpid-proton"]) == .plain)
        #expect(AMQP10Address.Form(peerProperties: nil) == .plain)
    }
}
