import JSON
import Testing

@testable import Routing

@Suite("The topology from the management API's JSON")
struct TopologyJSONTests {
    private static func parse(_ text: String) throws -> [JSON] {
        guard case .array(let items) = try JSONParser.parse(Array(text.utf8)) else {
            throw MalformedTopology(problem: "not an array")
        }
        return items
    }

    @Test("exchanges, their alternates from arguments (first) or policy, and bindings without the default exchange's")
    func decodes() throws {
        let exchanges = try Self.parse(
            """
            [{"name":"","type":"direct","arguments":{}},
             {"name":"a","type":"topic","internal":false,"arguments":{"alternate-exchange":"by-argument"},"policy":"p"},
             {"name":"b","type":"headers","internal":true,"arguments":{},"policy":"p"},
             {"name":"c","type":"x-random","arguments":{}}]
            """)
        let bindings = try Self.parse(
            """
            [{"source":"","destination":"q","destination_type":"queue","routing_key":"q","arguments":{}},
             {"source":"a","destination":"b","destination_type":"exchange","routing_key":"k.#","arguments":{}},
             {"source":"b","destination":"q","destination_type":"queue","routing_key":"","arguments":{"x-match":"any","n":1,"f":true}}]
            """)
        let policies = try Self.parse(#"[{"name":"p","definition":{"alternate-exchange":"by-policy"}}]"#)
        let topology = try Topology(exchanges: exchanges, bindings: bindings, policies: policies, queues: ["q"])
        #expect(topology.exchanges["a"] == Topology.Exchange(name: "a", type: .topic, alternate: "by-argument"))
        #expect(
            topology.exchanges["b"]
                == Topology.Exchange(name: "b", type: .headers, isInternal: true, alternate: "by-policy"))
        #expect(topology.exchanges["c"]?.type == .other("x-random"))
        #expect(topology.bindings(from: "").isEmpty)
        #expect(
            topology.bindings(from: "a") == [Topology.Binding(source: "a", destination: .exchange("b"), key: "k.#")])
        let headers = try #require(topology.bindings(from: "b").first)
        #expect(headers.arguments.map(\.name) == ["x-match", "n", "f"])
        #expect(headers.arguments.map(\.value) == [.string("any"), .integer(1), .bool(true)])
    }

    @Test("an object that is not an exchange or binding is an error, not a silent gap")
    func malformed() throws {
        #expect(throws: MalformedTopology.self) {
            try Topology(exchanges: [.object([("name", .string("x"))])], bindings: [], policies: [], queues: [])
        }
        let binding = JSON.object([
            ("source", .string("a")), ("destination", .string("b")), ("destination_type", .string("topic")),
        ])
        #expect(throws: MalformedTopology.self) {
            try Topology(exchanges: [], bindings: [binding], policies: [], queues: [])
        }
    }
}
