import ArgumentParsing
import JSON
import Testing

@testable import MQCommands

@Suite("Choosing columns")
struct ColumnTests {
    let defaults = ObjectKind.queues.defaultColumns
    let queue = JSON.object([
        ("name", .string("q")), ("arguments", .object([])), ("messages_ready", .int(3)),
        ("message_stats", .object([("publish", .int(9)), ("publish_details", .object([("rate", .double(1.5))]))])),
    ])

    @Test("queues show name, vhost, type, durable, messages, ready, unacked, consumers and state by default")
    func queueDefaults() throws {
        guard case .columns(let columns) = ColumnSelection(nil, defaults: defaults) else {
            Issue.record()
            return
        }
        #expect(
            columns.map(\.title) == [
                "name", "vhost", "type", "durable", "messages", "ready", "unacked", "consumers", "state",
            ])
        #expect(columns[5].path == ["messages_ready"])
    }

    @Test("--columns takes default titles, field names and dotted paths, in the order given")
    func chosen() throws {
        let selection = ColumnSelection(
            try ColumnNames(text: "ready,name,message_stats.publish_details.rate"), defaults: defaults)
        #expect(
            selection
                == .columns([
                    Column("ready", ["messages_ready"]), Column("name"),
                    Column("message_stats.publish_details.rate", ["message_stats", "publish_details", "rate"]),
                ]))
        let values = selection.columns(for: [queue]).map { queue.value(at: $0.path) }
        #expect(values == [.int(3), .string("q"), .double(1.5)])
    }

    @Test("--columns all takes every leaf field, nested ones by dotted path, in the order first seen")
    func all() throws {
        let selection = ColumnSelection(try ColumnNames(text: "all"), defaults: defaults)
        let other = JSON.object([("name", .string("r")), ("extra", .bool(true))])
        #expect(
            selection.columns(for: [queue, other]).map(\.title) == [
                "name", "arguments", "messages_ready", "message_stats.publish", "message_stats.publish_details.rate",
                "extra",
            ])
    }

    @Test("an empty column name is a usage error", arguments: ["", "name,", ",name", "a..b", "a."])
    func empty(text: String) {
        #expect(throws: ValueProblem("'\(text)' has an empty column name")) { try ColumnNames(text: text) }
    }

    @Test("every kind has default columns, and name fields that are among them or nested")
    func kinds() {
        for kind in ObjectKind.allCases {
            #expect(!kind.defaultColumns.isEmpty, "\(kind)")
            #expect(Set(kind.defaultColumns.map(\.title)).count == kind.defaultColumns.count, "\(kind)")
            #expect(!kind.nameFields.isEmpty, "\(kind)")
        }
    }

    @Test("a vhost limits each kind through the API's own vhost paths; users and nodes have none")
    func sources() throws {
        #expect(try #require(ObjectKind.queues.source(vhost: "/")).path.target(prefix: "") == "/api/queues/%2F")
        #expect(try #require(ObjectKind.queues.source(vhost: nil)).paginated)
        #expect(
            try #require(ObjectKind.connections.source(vhost: "v")).path.target(prefix: "")
                == "/api/vhosts/v/connections")
        #expect(try #require(ObjectKind.connections.source(vhost: "v")).paginated == false)
        #expect(try #require(ObjectKind.vhosts.source(vhost: "v")).path.target(prefix: "") == "/api/vhosts/v")
        #expect(ObjectKind.users.source(vhost: "v") == nil)
        #expect(ObjectKind.nodes.source(vhost: "v") == nil)
        #expect(try #require(ObjectKind.bindings.source(vhost: nil)).paginated == false)
    }
}

@Suite("Sorting with --sort")
struct JSONOrderTests {
    func objects(_ values: [JSON?]) -> [JSON] {
        values.enumerated().map { index, value in
            .object([("i", .int(Int64(index)))] + (value.map { [("v", $0)] } ?? []))
        }
    }

    func order(_ values: [JSON?], reverse: Bool = false) -> [Int64] {
        JSONOrder.sorted(objects(values), by: ["v"], reverse: reverse).map {
            if case .int(let index)? = $0["i"] { index } else { -1 }
        }
    }

    @Test("numbers by value, mixed int and double; missing first")
    func numbers() {
        #expect(order([.int(10), .double(2.5), nil, .int(-1), .uint(3)]) == [2, 3, 1, 4, 0])
    }

    @Test("strings in code point order; booleans false first; equal values keep the API's order")
    func stringsAndStability() {
        #expect(order([.string("b"), .string("a"), .string("B")]) == [2, 1, 0])
        #expect(order([.bool(true), .bool(false), .bool(true)]) == [1, 0, 2])
    }

    @Test("--reverse turns the order round but keeps equal values in the API's order")
    func reverse() {
        #expect(order([.int(1), .int(3), .int(1), nil], reverse: true) == [1, 0, 2, 3])
    }
}
