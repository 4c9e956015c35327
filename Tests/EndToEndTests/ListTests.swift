import Foundation
import JSON
import TestSupport
import Testing

@Suite("mq list and mq show through the management API", .needsBroker, .deletesFreshQueues, .timeLimit(.minutes(5)))
struct ListTests {
    static let kinds = [
        "queues", "exchanges", "bindings", "connections", "channels", "consumers", "vhosts", "users", "permissions",
        "policies", "nodes",
    ]
    static let headers = [
        "queues": "name\tvhost\ttype\tdurable\tmessages\tready\tunacked\tconsumers\tstate",
        "exchanges": "name\tvhost\ttype\tdurable\tauto_delete\tinternal",
        "bindings": "source\tdestination\tdestination_type\trouting_key\targuments\tvhost",
        "connections": "name\tvhost\tuser\tstate\tchannels\tprotocol\tclient_name",
        "channels": "name\tvhost\tuser\tstate\tconsumers\tprefetch\tunacked\tconfirm",
        "consumers": "queue\tvhost\tconsumer_tag\tchannel\tack_required\tprefetch\texclusive\tactive",
        "vhosts": "name\tdescription\ttracing\tmessages\tready\tunacked",
        "users": "name\ttags",
        "permissions": "user\tvhost\tconfigure\twrite\tread",
        "policies": "name\tvhost\tpattern\tapply-to\tpriority\tdefinition",
        "nodes": "name\ttype\trunning\tuptime\tmem_used\tdisk_free\tfd_used\tprocessors",
    ]

    @Test(
        "each kind lists as TSV with exactly one header row, as an aligned table, and as a JSON array", arguments: kinds
    )
    func everyKind(kind: String) throws {
        let tsv = try mq("list", kind)
        #expect(tsv.status == 0, "\(tsv.stderr)")
        let header = try #require(Self.headers[kind])
        let lines = tsv.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first.map(String.init) == header)
        #expect(lines.filter { $0 == header }.count == 1)
        #expect(tsvRows(tsv.stdout).allSatisfy { $0.count == header.split(separator: "\t").count })
        let bare = try mq("list", kind, "--no-headers")
        #expect(bare.status == 0)
        #expect(!bare.stdout.contains(header))

        let table = try mq("list", kind, "--format", "table")
        #expect(table.status == 0)
        let titles = header.split(separator: "\t").joined(separator: " +")
        #expect(
            table.stdout.split(separator: "\n").first.map { $0.contains(try! Regex("^\(titles)$")) } == true,
            "\(table.stdout.prefix(200))")
        #expect(!table.stdout.contains("\t"))

        let json = try mq("list", kind, "--json")
        #expect(json.status == 0)
        let objects = try jsonArray(json.stdout)
        if let first = objects.first { #expect(Set(first.keys) == Set(header.split(separator: "\t").map(String.init))) }
    }

    @Test("declared objects appear with their real types, flags and arguments")
    func declaredObjects() throws {
        let queue = freshQueue("list-q")
        let exchange = freshQueue("list-x")
        #expect(try mq("declare", "queue", queue, "--type", "quorum", "--max-length", "7").status == 0)
        #expect(try mq("declare", "exchange", exchange, "--type", "topic", "--no-durable").status == 0)
        #expect(try mq("bind", "queue", queue, "--exchange", exchange, "--key", "orders.*").status == 0)
        defer { try? cleanUp(queues: [queue], exchanges: [exchange]) }

        let queues = try jsonArray(
            try mq("list", "queues", queue, "--columns", "name,type,durable,arguments", "--json").stdout)
        #expect(queues.count == 1)
        #expect(queues.first?["type"] as? String == "quorum")
        #expect(queues.first?["durable"] as? Bool == true)
        let arguments = try #require(queues.first?["arguments"] as? [String: Any])
        #expect(arguments["x-max-length"] as? Int == 7)
        #expect(arguments["x-queue-type"] as? String == "quorum")

        let exchanges = tsvRows(try mq("list", "exchanges", exchange, "--no-headers").stdout)
        #expect(exchanges == [[exchange, "/", "topic", "false", "false", "false"]])

        let bindings = tsvRows(
            try mq(
                "list", "bindings", "--match", exchange, "--no-headers", "--columns", "source,destination,routing_key"
            ).stdout)
        #expect(bindings == [[exchange, queue, "orders.*"]])
    }

    @Test("--columns picks titles, fields and dotted paths; 'all' shows every field, nested ones dotted")
    func columns() throws {
        let queue = freshQueue("cols")
        #expect(try mq("declare", "queue", queue, "--max-length", "3").status == 0)
        let chosen = try mq("list", "queues", queue, "--columns", "ready,name,arguments.x-max-length,no_such_field")
        #expect(chosen.status == 0)
        let rows = tsvRows(chosen.stdout)
        #expect(rows.first == ["ready", "name", "arguments.x-max-length", "no_such_field"])
        #expect(rows.dropFirst().first?[1...] == [queue, "3", ""])
        let all = try mq("list", "queues", queue, "--columns", "all")
        let header = try #require(tsvRows(all.stdout).first)
        #expect(header.contains("arguments.x-max-length"))
        #expect(header.contains("name"))
        #expect(header.contains("auto_delete"))
        let whole = try jsonArray(try mq("list", "queues", queue, "--columns", "all", "--json").stdout)
        #expect((whole.first?["arguments"] as? [String: Any])?["x-max-length"] as? Int == 3)
    }

    @Test("--vhost limits the list to one vhost; by default every vhost is listed")
    func vhost() throws {
        let vhost = try scratchVhost("list-v")
        defer { deleteVhost(vhost) }
        let queue = freshQueue("in-v")
        #expect(try mq("declare", "queue", queue, "--vhost", vhost).status == 0)
        let limited = tsvRows(
            try mq("list", "queues", "--vhost", vhost, "--no-headers", "--columns", "name,vhost").stdout)
        #expect(limited == [[queue, vhost]])
        let everywhere = tsvRows(try mq("list", "queues", "--no-headers", "--columns", "name,vhost").stdout)
        #expect(everywhere.contains([queue, vhost]))
        #expect(
            tsvRows(try mq("list", "permissions", "--vhost", vhost, "--no-headers", "--columns", "user,vhost").stdout)
                == [["guest", vhost]])
        #expect(
            tsvRows(try mq("list", "vhosts", "--vhost", vhost, "--no-headers", "--columns", "name").stdout) == [[vhost]]
        )
    }

    @Test("an unknown vhost exits 1 naming it; --vhost on users is a usage error")
    func unknownVhost() throws {
        let result = try mq("list", "queues", "--vhost", "no-such-vhost-\(UInt32.random(in: 0...UInt32.max))")
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("mq: vhost 'no-such-vhost-"))
        #expect(result.stderr.hasSuffix("': not found (404)\n"))
        #expect(try mq("list", "users", "--vhost", "/").status == 64)
    }

    @Test("--match takes a glob, --regex an expression; --sort and --reverse order the rows")
    func matchAndSort() throws {
        let vhost = try scratchVhost("sort")
        defer { deleteVhost(vhost) }
        for (name, length) in [("b", 30), ("a", 10), ("c", 20)] {
            #expect(try mq("declare", "queue", "q.\(name)", "--max-length", "\(length)", "--vhost", vhost).status == 0)
        }
        #expect(try mq("declare", "queue", "other", "--vhost", vhost).status == 0)
        func names(_ extra: String...) throws -> [String] {
            tsvRows(try mq(["list", "queues", "--vhost", vhost, "--no-headers", "--columns", "name"] + extra).stdout)
                .map { $0[0] }
        }
        #expect(try names("--match", "q.*", "--sort", "name") == ["q.a", "q.b", "q.c"])
        #expect(try names("--match", "q.[ab]", "--sort", "name", "--reverse") == ["q.b", "q.a"])
        #expect(try names("--match", "^q\\.(a|c)$", "--regex", "--sort", "name") == ["q.a", "q.c"])
        #expect(try names("--match", "q", "--regex", "--sort", "arguments.x-max-length") == ["q.a", "q.c", "q.b"])
        #expect(try names("--sort", "arguments.x-max-length", "--reverse") == ["q.b", "q.c", "q.a", "other"])
        #expect(
            try names("--match", "q.*", "--page-size", "1", "--sort", "name") == ["q.a", "q.b", "q.c"],
            "read a page at a time")
        #expect(try mq("list", "queues", "--match", "(", "--regex").status == 64)
    }

    @Test("tabs and newlines in values are escaped in TSV and tables, kept in JSON")
    func escaping() throws {
        let vhost = TestBroker.uniqueName("esc")
        #expect(try mq("declare", "vhost", vhost, "--description", "one\ttwo\nthree").status == 0)
        defer { _ = try? mq("delete", "vhost", vhost) }
        let tsv = try mq("list", "vhosts", vhost, "--no-headers", "--columns", "name,description")
        #expect(tsv.stdout == "\(vhost)\tone\\ttwo\\nthree\n")
        let table = try mq("list", "vhosts", vhost, "--no-headers", "--columns", "description", "--format", "table")
        #expect(table.stdout == "one\\ttwo\\nthree\n")
        let json = try jsonArray(try mq("list", "vhosts", vhost, "--columns", "description", "--json").stdout)
        #expect(json.first?["description"] as? String == "one\ttwo\nthree")
    }

    @Test("NAME arguments that match nothing exit 1 after listing the others")
    func missingNames() throws {
        let queue = freshQueue("named")
        #expect(try mq("declare", "queue", queue).status == 0)
        let result = try mq("list", "queues", queue, "\(queue)-absent", "--no-headers", "--columns", "name")
        #expect(result.status == 1)
        #expect(result.stdout == "\(queue)\n")
        #expect(result.stderr == "mq: no queue named '\(queue)-absent'\n")
    }

    @Test("mq show overview prints one field per row, or one JSON object")
    func overview() throws {
        let tsv = try mq("show", "overview")
        #expect(tsv.status == 0)
        let rows = tsvRows(tsv.stdout)
        #expect(rows.first == ["field", "value"])
        #expect(rows.contains { $0.first == "rabbitmq_version" && !$0[1].isEmpty })
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(try mq("show", "overview", "--json").stdout.utf8))
                as? [String: Any])
        #expect(json["queues"] is Int)
        let chosen = try mq("show", "overview", "--columns", "object_totals.exchanges", "--no-headers")
        #expect(chosen.stdout.hasPrefix("object_totals.exchanges\t"))
    }

    @Test("mq help list says the counters are sampled")
    func helpSaysSampled() throws {
        let help = try mq("help", "list")
        #expect(help.stdout.contains("statistics the broker samples every few seconds"))
        #expect(try mq("help", "list", "queues").stdout.contains("passive declare over AMQP"))
    }
}
