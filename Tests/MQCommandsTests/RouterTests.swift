import Testing

@testable import MQCommands

@Suite("mq route's rules")
struct RouterTests {
    @Test("topic patterns: * is one word, # zero or more, an empty key no words")
    func topic() {
        let cases: [(String, String, Bool)] = [
            ("#", "", true), ("#", "a.b", true), ("*", "", false), ("*", "a", true), ("*", "a.b", false),
            ("a.#", "a", true), ("#.a", "a", true), ("a.#.b", "a.b", true), ("a.#.b", "a.x.y.b", true), ("a.*.b", "a.b", false),
            ("", "", true), ("", "a", false), ("a..b", "a..b", true), ("a.*.b", "a..b", true), ("#.#", "", true), ("a.*.#", "a", false),
        ]
        for (pattern, key, expected) in cases {
            #expect(TopicPattern(pattern).matches(key) == expected, "'\(pattern)' against '\(key)'")
        }
    }

    @Test("headers: all and any ignore x- arguments, the -with-x variants count them")
    func headers() {
        let arguments: [(name: String, value: HeadersMatch.Value)] = [("k", .number(1)), ("x-k", .number(2))]
        let message: [String: HeadersMatch.Value] = ["k": .number(1)]
        #expect(HeadersMatch(bindingArguments: arguments + [("x-match", .text("all"))]).matches(message))
        #expect(!HeadersMatch(bindingArguments: arguments + [("x-match", .text("all-with-x"))]).matches(message))
        #expect(HeadersMatch(bindingArguments: arguments + [("x-match", .text("any-with-x"))]).matches(message))
        #expect(!HeadersMatch(bindingArguments: [("k", .text("1"))]).matches(message))
        #expect(HeadersMatch(bindingArguments: []).matches([:]))
        #expect(!HeadersMatch(bindingArguments: [("x-match", .text("any"))]).matches(message))
    }

    @Test("exchange-to-exchange bindings are followed once, the alternate exchange only when nothing matched")
    func chains() throws {
        let topology = Topology(
            exchanges: [
                .init(name: "in", type: "direct", alternate: "ae"), .init(name: "fan", type: "fanout", alternate: nil),
                .init(name: "ae", type: "fanout", alternate: nil),
            ],
            bindings: [
                .init(source: "in", destination: "fan", toExchange: true, routingKey: "k", arguments: []),
                .init(source: "fan", destination: "in", toExchange: true, routingKey: "", arguments: []),
                .init(source: "fan", destination: "q1", toExchange: false, routingKey: "", arguments: []),
                .init(source: "in", destination: "q1", toExchange: false, routingKey: "k", arguments: []),
                .init(source: "ae", destination: "lost", toExchange: false, routingKey: "", arguments: []),
            ])
        let router = Router(topology: topology)
        let routed = try router.routes(exchange: "in", routingKey: "k", headers: [:])
        #expect(routed.map(\.queue) == ["q1"])
        #expect(routed.first?.path == [Router.Step(exchange: "in", type: "direct", bindingKey: "k")])
        let lost = try router.routes(exchange: "in", routingKey: "other", headers: [:])
        #expect(lost.map(\.queue) == ["lost"])
        #expect(Route.describe(lost[0]) == "in (direct) -[alternate]-> ae (fanout) -[]-> lost")
        #expect(throws: Router.Problem.noExchange("nope")) { try router.routes(exchange: "nope", routingKey: "", headers: [:]) }
    }
}
