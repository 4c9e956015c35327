import AMQPWire
import JSON
import Testing

@testable import Routing

@Suite("Headers exchange matching: x-match all, any and their -with-x variants")
struct HeadersMatchTests {
    private func matches(_ headers: [(String, HeaderValue)], _ arguments: [(String, HeaderValue)]) -> Bool {
        HeadersMatch.matches(
            headers.map { (name: $0.0, value: $0.1) }, arguments: arguments.map { (name: $0.0, value: $0.1) })
    }

    @Test("all needs every argument, any one of them")
    func allAndAny() {
        let both: [(String, HeaderValue)] = [("a", .integer(1)), ("b", .string("x"))]
        #expect(matches(both, [("x-match", .string("all")), ("a", .integer(1)), ("b", .string("x"))]))
        #expect(!matches([("a", .integer(1))], [("x-match", .string("all")), ("a", .integer(1)), ("b", .string("x"))]))
        #expect(matches([("a", .integer(1))], [("x-match", .string("any")), ("a", .integer(1)), ("b", .string("x"))]))
        #expect(!matches([("a", .integer(2))], [("x-match", .string("any")), ("a", .integer(1)), ("b", .string("x"))]))
    }

    @Test("without x-match (or with a value RabbitMQ does not know) the match is all")
    func defaultIsAll() {
        #expect(!matches([("a", .integer(1))], [("a", .integer(1)), ("b", .integer(2))]))
        #expect(
            matches(
                [("a", .integer(1)), ("b", .integer(2))],
                [("x-match", .string("most")), ("a", .integer(1)), ("b", .integer(2))]))
    }

    @Test("values compare by type: a string is not a number or a boolean, widths of integers do not matter")
    func types() {
        #expect(!matches([("a", .string("1"))], [("a", .integer(1))]))
        #expect(!matches([("a", .string("true"))], [("a", .bool(true))]))
        #expect(matches([("a", HeaderValue(FieldValue.int64(7)))], [("a", HeaderValue(JSON.int(7)))]))
        #expect(matches([("a", HeaderValue(FieldValue.int32(7)))], [("a", .number(7))]))
        #expect(matches([("a", .bool(false))], [("a", .bool(false))]))
        #expect(matches([("a", .string("anything"))], [("a", .void)]))
    }

    @Test("plain all and any leave out x- arguments; the -with-x variants count them")
    func xArguments() {
        let arguments: [(String, HeaderValue)] = [("x-tenant", .string("acme")), ("kind", .string("order"))]
        #expect(matches([("kind", .string("order"))], [("x-match", .string("all"))] + arguments))
        #expect(!matches([("kind", .string("order"))], [("x-match", .string("all-with-x"))] + arguments))
        #expect(
            matches(
                [("kind", .string("order")), ("x-tenant", .string("acme"))],
                [("x-match", .string("all-with-x"))] + arguments))
        #expect(!matches([("x-tenant", .string("acme"))], [("x-match", .string("any"))] + arguments))
        #expect(matches([("x-tenant", .string("acme"))], [("x-match", .string("any-with-x"))] + arguments))
    }

    @Test("no arguments to match: all matches every message, any none")
    func empty() {
        #expect(matches([], [("x-match", .string("all"))]))
        #expect(matches([("a", .integer(1))], [("x-match", .string("all")), ("x-other", .integer(1))]))
        #expect(!matches([("a", .integer(1))], [("x-match", .string("any"))]))
        #expect(!matches([], [("x-match", .string("any-with-x"))]))
    }
}
