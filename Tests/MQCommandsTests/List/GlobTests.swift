import JSON
import Testing

@testable import MQCommands

@Suite("Wildcard patterns for --match")
struct GlobTests {
    @Test(
        "patterns that match the whole name",
        arguments: [
            ("orders", "orders"), ("orders.*", "orders.eu"), ("orders.*", "orders."), ("*", ""), ("*.eu", "orders.eu"),
            ("o?ders", "orders"), ("*der*", "orders"), ("[ab]x", "bx"), ("[a-c]x", "cx"), ("[!a-c]x", "dx"),
            ("[^a]x", "bx"),
            ("a\\*b", "a*b"), ("[]]", "]"), ("[a", "[a"), ("**x", "x"), ("*a*b*c*", "xxaxxbxxcxx"), ("ação*", "ação→"),
        ])
    func matches(pattern: String, name: String) {
        #expect(Glob(pattern).matches(name))
    }

    @Test(
        "patterns that do not",
        arguments: [
            ("orders", "orders2"), ("orders.*", "order.eu"), ("?", ""), ("[ab]x", "cx"), ("[!a-c]x", "ax"),
            ("a\\*b", "axb"),
            ("*a*b*c", "xxaxxbxxcxx1"), ("ord", "orders"),
        ])
    func doesNotMatch(pattern: String, name: String) {
        #expect(!Glob(pattern).matches(name))
    }

    @Test("a long name against many stars stays fast")
    func noBlowUp() {
        let name = String(repeating: "a", count: 5_000)
        #expect(!Glob(String(repeating: "*a", count: 30) + "b").matches(name))
    }
}

@Suite("Which objects mq list keeps")
struct ObjectFilterTests {
    let queue = JSON.object([("name", .string("orders.eu")), ("vhost", .string("/"))])
    let binding = JSON.object([("source", .string("events")), ("destination", .string("orders.eu"))])

    @Test("NAME arguments keep exact names")
    func names() throws {
        let filter = try ObjectFilter(names: ["orders.eu", "x"], match: nil, regex: false)
        #expect(filter.keeps(queue, fields: [["name"]]))
        #expect(!(try ObjectFilter(names: ["orders"], match: nil, regex: false)).keeps(queue, fields: [["name"]]))
    }

    @Test("--match is a glob on the whole name; with --regex, an expression found anywhere")
    func patterns() throws {
        #expect(try ObjectFilter(names: [], match: "orders.*", regex: false).keeps(queue, fields: [["name"]]))
        #expect(!(try ObjectFilter(names: [], match: "eu", regex: false)).keeps(queue, fields: [["name"]]))
        #expect(try ObjectFilter(names: [], match: "\\.eu$", regex: true).keeps(queue, fields: [["name"]]))
        #expect(!(try ObjectFilter(names: [], match: "^eu", regex: true)).keeps(queue, fields: [["name"]]))
    }

    @Test("an object is kept when any of its name fields passes")
    func anyField() throws {
        let filter = try ObjectFilter(names: [], match: "orders*", regex: false)
        #expect(filter.keeps(binding, fields: [["source"], ["destination"]]))
        #expect(!filter.keeps(binding, fields: [["source"]]))
    }

    @Test("a bad regular expression is a usage error")
    func badRegex() {
        #expect {
            _ = try ObjectFilter(names: [], match: "(unclosed", regex: true)
        } throws: { error in
            (error as? Failure)?.status == .usage
        }
    }
}
