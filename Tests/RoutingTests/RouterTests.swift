import Testing

@testable import Routing

@Suite("Routing a message through exchanges, bindings and alternate exchanges")
struct RouterTests {
    private typealias Exchange = Topology.Exchange
    private typealias Binding = Topology.Binding

    private static func toQueue(_ source: String, _ queue: String, key: String = "") -> Binding {
        Binding(source: source, destination: .queue(queue), key: key)
    }

    private static func toExchange(_ source: String, _ destination: String, key: String = "") -> Binding {
        Binding(source: source, destination: .exchange(destination), key: key)
    }

    private func queues(
        _ topology: Topology, _ exchange: String, key: String = "", headers: [(name: String, value: HeaderValue)] = []
    ) throws
        -> [String]
    {
        try Router(topology: topology).route(exchange: exchange, key: key, headers: headers).queues
    }

    @Test("direct routes by the exact key, fanout to every binding, topic by pattern")
    func types() throws {
        let topology = Topology(
            exchanges: [
                Exchange(name: "d", type: .direct), Exchange(name: "f", type: .fanout),
                Exchange(name: "t", type: .topic),
            ],
            bindings: [
                Self.toQueue("d", "q1", key: "a"), Self.toQueue("d", "q2", key: "b"),
                Self.toQueue("f", "q1", key: "ignored"),
                Self.toQueue("f", "q2"), Self.toQueue("t", "q1", key: "a.#"), Self.toQueue("t", "q2", key: "*.b"),
            ])
        #expect(try queues(topology, "d", key: "a") == ["q1"])
        #expect(try queues(topology, "d", key: "c") == [])
        #expect(try queues(topology, "f", key: "anything") == ["q1", "q2"])
        #expect(try queues(topology, "t", key: "a.b") == ["q1", "q2"])
        #expect(try queues(topology, "t", key: "a") == ["q1"])
        #expect(try queues(topology, "t", key: "x.b") == ["q2"])
    }

    @Test("a headers exchange matches the message's typed headers against each binding's arguments")
    func headers() throws {
        let topology = Topology(
            exchanges: [Exchange(name: "h", type: .headers)],
            bindings: [
                Binding(
                    source: "h", destination: .queue("pdf"), key: "",
                    arguments: [("x-match", .string("all")), ("format", .string("pdf"))]),
                Binding(
                    source: "h", destination: .queue("big"), key: "",
                    arguments: [("x-match", .string("any")), ("size", .integer(10))]),
            ])
        #expect(
            try queues(topology, "h", headers: [("format", .string("pdf")), ("size", .integer(10))]) == ["big", "pdf"])
        #expect(try queues(topology, "h", headers: [("size", .string("10"))]) == [])
    }

    @Test("exchange-to-exchange bindings are followed, and the path shows each exchange and binding")
    func chains() throws {
        let topology = Topology(
            exchanges: [Exchange(name: "ingress", type: .fanout), Exchange(name: "events", type: .topic)],
            bindings: [Self.toExchange("ingress", "events"), Self.toQueue("events", "orders", key: "orders.#")])
        let routing = try Router(topology: topology).route(exchange: "ingress", key: "orders.created")
        let path = try #require(routing.paths.first)
        #expect(routing.queues == ["orders"])
        #expect(path.hops.map(\.exchange) == ["ingress", "events"])
        #expect(path.hops.map(\.type) == [.fanout, .topic])
        #expect(path.hops.last?.via == .binding(Self.toQueue("events", "orders", key: "orders.#")))
    }

    @Test("a queue reached several ways is listed once, with its shortest path")
    func once() throws {
        let topology = Topology(
            exchanges: [
                Exchange(name: "a", type: .fanout), Exchange(name: "b", type: .fanout),
                Exchange(name: "c", type: .fanout),
            ],
            bindings: [
                Self.toExchange("a", "b"), Self.toExchange("b", "c"), Self.toQueue("c", "q"), Self.toQueue("a", "q"),
            ])
        let routing = try Router(topology: topology).route(exchange: "a", key: "")
        #expect(routing.queues == ["q"])
        #expect(routing.paths.first?.hops.map(\.exchange) == ["a"])
    }

    @Test("loops of exchanges end: each exchange is visited once")
    func loops() throws {
        let topology = Topology(
            exchanges: [Exchange(name: "a", type: .fanout), Exchange(name: "b", type: .topic)],
            bindings: [
                Self.toExchange("a", "b", key: "#"), Self.toExchange("b", "a", key: "#"), Self.toExchange("a", "a"),
                Self.toQueue("b", "q", key: "k"),
            ])
        #expect(try queues(topology, "a", key: "k") == ["q"])
        #expect(try queues(topology, "b", key: "other") == [])
    }

    @Test("the alternate exchange takes what its exchange matched no binding for, not what went on to route nowhere")
    func alternates() throws {
        let topology = Topology(
            exchanges: [
                Exchange(name: "main", type: .direct, alternate: "ae"), Exchange(name: "ae", type: .fanout),
                Exchange(name: "empty", type: .direct), Exchange(name: "gone", type: .direct, alternate: "missing"),
                Exchange(name: "self", type: .direct, alternate: "self"),
            ],
            bindings: [
                Self.toQueue("main", "known", key: "k"), Self.toExchange("main", "empty", key: "e"),
                Self.toQueue("ae", "lost"),
            ])
        #expect(try queues(topology, "main", key: "k") == ["known"])
        #expect(try queues(topology, "main", key: "other") == ["lost"])
        #expect(try queues(topology, "main", key: "e") == [])
        #expect(try queues(topology, "gone", key: "x") == [])
        #expect(try queues(topology, "self", key: "x") == [])
        let path = try #require(try Router(topology: topology).route(exchange: "main", key: "other").paths.first)
        #expect(path.hops.map(\.via) == [.alternate, .binding(Self.toQueue("ae", "lost"))])
    }

    @Test("alternate exchanges chain, and an exchange bound further on gets its own alternate")
    func alternateChains() throws {
        let topology = Topology(
            exchanges: [
                Exchange(name: "a", type: .direct, alternate: "b"), Exchange(name: "b", type: .direct, alternate: "c"),
                Exchange(name: "c", type: .fanout),
            ],
            bindings: [Self.toQueue("c", "last")])
        #expect(try queues(topology, "a", key: "k") == ["last"])
    }

    @Test("the default exchange routes a key to the queue of that name, if there is one")
    func defaultExchange() throws {
        let topology = Topology(exchanges: [Exchange(name: "", type: .direct)], queues: ["orders"])
        let routing = try Router(topology: topology).route(exchange: "", key: "orders")
        #expect(routing.queues == ["orders"])
        #expect(routing.paths.first?.hops == [.init(exchange: "", type: .direct, via: .defaultExchange)])
        #expect(try queues(topology, "", key: "nothing").isEmpty)
    }

    @Test("what publish would refuse, and a type mq does not know, are errors")
    func errors() {
        let topology = Topology(
            exchanges: [
                Exchange(name: "in", type: .fanout, isInternal: true),
                Exchange(name: "hash", type: .other("x-consistent-hash")),
            ])
        #expect(throws: RoutingError.noExchange("nope")) {
            try Router(topology: topology).route(exchange: "nope", key: "")
        }
        #expect(throws: RoutingError.internalExchange("in")) {
            try Router(topology: topology).route(exchange: "in", key: "")
        }
        #expect(throws: RoutingError.unknownType(exchange: "hash", type: "x-consistent-hash")) {
            try Router(topology: topology).route(exchange: "hash", key: "")
        }
    }
}
