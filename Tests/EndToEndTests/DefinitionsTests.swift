import Foundation
import JSON
import TestSupport
import Testing

@Suite("mq export definitions and mq import definitions", .needsBroker, .deletesFreshQueues, .timeLimit(.minutes(5)))
struct DefinitionsTests {
    @Test("export writes the broker's definitions JSON to stdout")
    func exportAll() throws {
        let result = try mq("export", "definitions")
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["rabbitmq_version"] is String)
        #expect(object["vhosts"] is [Any])
    }

    @Test("export, delete, import brings a vhost's queues, exchanges, bindings and policies back")
    func roundTrip() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mq-definitions-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        let vhost = try scratchVhost("defs")
        defer { deleteVhost(vhost) }
        #expect(
            try mq("declare", "queue", "orders", "--vhost", vhost, "--type", "quorum", "--max-length", "9").status == 0)
        #expect(try mq("declare", "exchange", "events", "--vhost", vhost, "--type", "topic").status == 0)
        #expect(
            try mq("bind", "queue", "orders", "--exchange", "events", "--key", "orders.#", "--vhost", vhost).status == 0
        )
        #expect(
            try mq("declare", "policy", "cap", "--vhost", vhost, "--pattern", "^orders$", "--set", "max-length=5")
                .status == 0)

        let exported = try mq("export", "definitions", file.path, "--vhost", vhost)
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(exported.stdout == "exported definitions to '\(file.path)'\n")
        #expect(try mq("delete", "vhost", vhost).status == 0)
        #expect(try mq("declare", "vhost", vhost).status == 0)
        #expect(try mq("list", "queues", "--vhost", vhost, "--no-headers").stdout == "")

        let imported = try mq("import", "definitions", file.path, "--vhost", vhost)
        #expect(imported.status == 0, "\(imported.stderr)")
        let queues = try jsonArray(
            try mq("list", "queues", "--vhost", vhost, "--columns", "name,type,arguments", "--json").stdout)
        #expect(queues.map { $0["name"] as? String } == ["orders"])
        #expect(queues.first?["type"] as? String == "quorum")
        #expect((queues.first?["arguments"] as? [String: Any])?["x-max-length"] as? Int == 9)
        #expect(
            tsvRows(
                try mq("list", "exchanges", "events", "--vhost", vhost, "--no-headers", "--columns", "name,type").stdout
            ) == [
                ["events", "topic"]
            ])
        #expect(
            tsvRows(
                try mq(
                    "list", "bindings", "--vhost", vhost, "--match", "events", "--no-headers", "--columns",
                    "source,destination,routing_key"
                )
                .stdout)
                == [["events", "orders", "orders.#"]])
        #expect(
            tsvRows(try mq("list", "policies", "--vhost", vhost, "--no-headers", "--columns", "name,definition").stdout)
                == [
                    ["cap", #"{"max-length":5}"#]
                ])
    }

    @Test("importing a file that is not JSON exits 65 saying where; a missing file exits 65 too")
    func badInput() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mq-bad-\(UUID().uuidString).json")
        try Data(#"{"queues": [}"#.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let bad = try mq("import", "definitions", file.path)
        #expect(bad.status == 65)
        #expect(bad.stderr.hasPrefix("mq: '\(file.path)' is not valid JSON: "))
        #expect(try mq("import", "definitions", "/nonexistent/defs.json").status == 65)
        #expect(try mq("import", "definitions", "-", stdin: "[]").status == 65)
    }

    @Test("an export to an unwritable place exits non-zero and leaves nothing behind")
    func unwritable() throws {
        let result = try mq("export", "definitions", "/nonexistent/dir/defs.json")
        #expect(result.status == 65)
        #expect(result.stderr.hasPrefix("mq: cannot write '/nonexistent/dir/defs.json': "))
    }
}
