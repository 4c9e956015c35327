import AMQP
import JSON
import Testing

@testable import MQCommands
@testable import Routing

@Suite("mq route's output: queues, paths and JSON")
struct RouteOutputTests {
    private static let routing: Routing = {
        let topology = Topology(
            exchanges: [
                .init(name: "ingress", type: .fanout), .init(name: "events", type: .topic, alternate: "ae"),
                .init(name: "ae", type: .fanout),
            ],
            bindings: [
                .init(source: "ingress", destination: .exchange("events"), key: ""),
                .init(source: "events", destination: .queue("orders"), key: "orders.#"),
                .init(source: "ae", destination: .queue("lost"), key: ""),
            ])
        return (try? Router(topology: topology).route(exchange: "ingress", key: "orders.created")) ?? Routing(paths: [])
    }()

    @Test("one queue a line; with --verbose each queue's path back to the exchange published to")
    func text() {
        #expect(Self.routing.queueLines == "orders\n")
        #expect(Self.routing.pathLines == "orders  <- events (topic, key 'orders.#') <- ingress (fanout)\n")
    }

    @Test("JSON lists each queue's path from the exchange published to")
    func json() {
        #expect(
            Self.routing.json(exchange: "ingress", key: "orders.created", vhost: "/").serialized()
                == #"{"exchange":"ingress","routing_key":"orders.created","vhost":"/","queues":[{"queue":"orders","path":["#
                + #"{"exchange":"ingress","type":"fanout","via":"binding","binding_key":"","arguments":{}},"#
                + #"{"exchange":"events","type":"topic","via":"binding","binding_key":"orders.#","arguments":{}}]}],"unroutable":false}"#
        )
    }

    @Test("the alternate exchange, headers arguments and the default exchange in a path")
    func hops() {
        #expect(
            RoutePath.Hop(exchange: "events", type: .topic, via: .alternate).summary
                == "topic, no binding matched: alternate exchange")
        let binding = Topology.Binding(
            source: "h", destination: .queue("q"), key: "",
            arguments: [("x-match", .string("any")), ("size", .integer(10))])
        #expect(
            RoutePath.Hop(exchange: "h", type: .headers, via: .binding(binding)).summary
                == "headers, x-match=any, size=10")
        #expect(
            RoutePath.Hop(exchange: "", type: .direct, via: .defaultExchange).summary
                == "direct, the key names the queue")
        #expect(Routing.name("") == "(AMQP default)")
    }

    @Test("publishing's refusals become the broker's own errors and statuses")
    func failures() {
        let notFound = CloseReason(replyCode: .notFound, replyText: "NOT_FOUND - no exchange 'x' in vhost '/'")
        #expect(Route.failure(.noExchange("x"), vhost: "/") == Failure(.channelClosed(notFound, context: nil)))
        #expect(
            Route.failure(.unknownType(exchange: "x", type: "x-random"), vhost: "/")
                == Failure(.refused(.unknownExchangeType(exchange: "x", vhost: "/", type: "x-random"))))
        #expect(Route.failure(.noExchange("x"), vhost: "/").status == .refused)
        #expect(Route.failure(.internalExchange("x"), vhost: "/").status == .noPermission)
        #expect(Route.failure(.unknownType(exchange: "x", type: "x-random"), vhost: "/").status == .refused)
    }
}
