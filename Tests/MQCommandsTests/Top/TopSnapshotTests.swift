import JSON
import Testing

@testable import MQCommands

@Suite("mq top: one snapshot from the API's JSON, as TSV and JSON")
struct TopSnapshotTests {
    static let queue = JSON.object([
        ("name", .string("orders")), ("vhost", .string("/")), ("messages_ready", .int(12)),
        ("messages_unacknowledged", .int(3)),
        ("consumers", .int(2)),
        (
            "message_stats",
            .object([
                ("publish_details", .object([("rate", .double(4.5))])),
                ("deliver_get_details", .object([("rate", .int(4))])),
            ])
        ),
    ])
    static let overview = JSON.object([
        ("rabbitmq_version", .string("4.0.5")), ("cluster_name", .string("prod")),
        ("object_totals", .object([("connections", .int(7)), ("channels", .int(9))])),
    ])
    static let node = JSON.object([
        ("name", .string("rabbit@a")), ("mem_used", .int(100)), ("mem_limit", .int(1000)), ("mem_alarm", .bool(true)),
        ("disk_free", .int(5000)),
        ("disk_free_limit", .int(50)), ("disk_free_alarm", .bool(false)),
    ])

    var snapshot: TopSnapshot {
        TopSnapshot(
            broker: BrokerSummary(overview: Self.overview, nodes: [Self.node]),
            queues: [
                QueueRow(Self.queue)!, QueueRow(.object([("name", .string("idle\tq")), ("vhost", .string("v"))]))!,
            ])
    }

    @Test("a queue's counts and rates come from its fields; missing statistics are zero")
    func rows() throws {
        let row = try #require(QueueRow(Self.queue))
        #expect(
            row
                == QueueRow(
                    name: "orders", vhost: "/", ready: 12, unacked: 3, consumers: 2, publishRate: 4.5, deliverRate: 4))
        #expect(row.messages == 15)
        #expect(QueueRow(.object([("name", .string("x"))])) == QueueRow(name: "x", vhost: ""))
        #expect(QueueRow(.object([("vhost", .string("/"))])) == nil)
        #expect(snapshot.broker.nodes.first?.memoryAlarm == true)
        #expect(snapshot.broker.alarmed)
    }

    @Test("TSV: a header row (unless asked not to), then one escaped row per queue")
    func tsv() {
        #expect(
            snapshot.tabSeparated(headers: true) == """
                name\tvhost\tready\tunacked\tconsumers\tpublish_rate\tdeliver_rate
                orders\t/\t12\t3\t2\t4.5\t4.0
                idle\\tq\tv\t0\t0\t0\t0.0\t0.0

                """)
        #expect(!snapshot.tabSeparated(headers: false).contains("name\t"))
    }

    @Test("JSON: one object with the broker and the queues")
    func json() {
        #expect(
            snapshot.json().serialized() == """
                {"broker":{"version":"4.0.5","cluster":"prod","connections":7,"channels":9,"nodes":[{"name":"rabbit@a","mem_used":100,\
                "mem_limit":1000,"mem_alarm":true,"disk_free":5000,"disk_free_limit":50,"disk_free_alarm":false}]},"queues":[\
                {"name":"orders","vhost":"/","ready":12,"unacked":3,"consumers":2,"publish_rate":4.5,"deliver_rate":4.0},\
                {"name":"idle\\tq","vhost":"v","ready":0,"unacked":0,"consumers":0,"publish_rate":0.0,"deliver_rate":0.0}]}
                """)
    }
}
