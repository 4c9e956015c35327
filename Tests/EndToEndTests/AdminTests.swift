import Foundation
import TestSupport
import Testing

@Suite(
    "mq declare and delete for vhosts, users, permissions and policies; mq close connection", .needsBroker,
    .deletesFreshQueues,
    .timeLimit(.minutes(5)))
struct AdminTests {
    @Test("a vhost is created with its description, listed, and deleted; deleting it again exits 1")
    func vhost() throws {
        let vhost = TestBroker.uniqueName("admin-v")
        #expect(try mq("declare", "vhost", vhost, "--description", "for tests").stdout == "vhost '\(vhost)'\n")
        #expect(
            tsvRows(try mq("list", "vhosts", vhost, "--no-headers", "--columns", "name,description").stdout) == [
                [vhost, "for tests"]
            ])
        #expect(try mq("delete", "vhost", vhost).status == 0)
        let again = try mq("delete", "vhost", vhost)
        #expect(again.status == 1)
        #expect(again.stderr == "mq: vhost '\(vhost)': not found (404)\n")
    }

    @Test("a user gets its password from --new-password-file or stdin, never the command line, and its tags")
    func user() throws {
        let user = TestBroker.uniqueName("admin-u")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mq-\(user)")
        try Data("file-secret\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        defer { _ = try? mq("delete", "user", user) }

        #expect(
            try mq("declare", "user", user, "--new-password-file", file.path, "--tags", "management,monitoring").status
                == 0)
        let listed = try jsonArray(try mq("list", "users", user, "--json").stdout)
        #expect(listed.first?["tags"] as? [String] == ["management", "monitoring"])
        #expect(tsvRows(try mq("list", "users", user, "--no-headers").stdout) == [[user, "management,monitoring"]])
        #expect(
            try mq("list", "vhosts", "--user", user, "--password", "file-secret").status == 0,
            "the tag lets it use the API")

        #expect(try mq("declare", "user", user, "--tags", "management", stdin: "stdin-secret\n").status == 0)
        #expect(try mq("list", "vhosts", "--user", user, "--password", "stdin-secret").status == 0)
        #expect(try mq("list", "vhosts", "--user", user, "--password", "file-secret").status == 77)

        let noPassword = try mq("declare", "user", user)
        #expect(noPassword.status == 65)
        #expect(noPassword.stderr.contains("no password on standard input"))
        #expect(try mq("delete", "user", user).status == 0)
    }

    @Test("help explains where the new user's password comes from")
    func userHelp() throws {
        let help = try mq("help", "declare", "user").stdout
        #expect(help.contains("--new-password-file PATH"))
        #expect(help.contains("The new user's password is never taken on the command line"))
    }

    @Test("permissions are granted in the vhost given, listed, and revoked")
    func permission() throws {
        let vhost = try scratchVhost("admin-p")
        defer { deleteVhost(vhost) }
        #expect(
            try mq("declare", "permission", "guest", "--vhost", vhost, "--configure", "^$", "--read", "^r").status == 0)
        let rows = tsvRows(try mq("list", "permissions", "--vhost", vhost, "--no-headers").stdout)
        #expect(rows == [["guest", vhost, "^$", ".*", "^r"]])
        #expect(try mq("delete", "permission", "guest", "--vhost", vhost).status == 0)
        #expect(try mq("list", "permissions", "--vhost", vhost, "--no-headers").stdout == "")
        #expect(try mq("delete", "permission", "guest", "--vhost", vhost).status == 1)
    }

    @Test("a policy's definition is typed like --arg; the API's refusal is one line, exit 1")
    func policy() throws {
        let vhost = try scratchVhost("admin-pol")
        defer { deleteVhost(vhost) }
        let created = try mq(
            "declare", "policy", "limits", "--vhost", vhost, "--pattern", "^orders\\.", "--apply-to", "queues",
            "--priority", "3",
            "--set", "max-length=100", "--set", "overflow=reject-publish", "--set-string", "dead-letter-exchange=123")
        #expect(created.status == 0, "\(created.stderr)")
        let policies = try jsonArray(try mq("list", "policies", "--vhost", vhost, "--json").stdout)
        #expect(policies.count == 1)
        #expect(policies.first?["pattern"] as? String == "^orders\\.")
        #expect(policies.first?["apply-to"] as? String == "queues")
        #expect(policies.first?["priority"] as? Int == 3)
        let definition = try #require(policies.first?["definition"] as? [String: Any])
        #expect(definition["max-length"] as? Int == 100)
        #expect(definition["overflow"] as? String == "reject-publish")

        let refused = try mq(
            "declare", "policy", "bad", "--vhost", vhost, "--pattern", ".*", "--set-string", "max-length=lots")
        #expect(refused.status == 1)
        #expect(refused.stderr.hasPrefix("mq: policy 'bad' in vhost '\(vhost)': 400 Bad Request - Validation failed"))
        #expect(refused.stderr.split(separator: "\n").count == 1)
        #expect(
            try mq("declare", "policy", "p", "--vhost", vhost, "--set", "max-length=1").status == 64, "no --pattern")
        #expect(try mq("delete", "policy", "limits", "--vhost", vhost).status == 0)
        #expect(try mq("list", "policies", "--vhost", vhost, "--no-headers").stdout == "")
    }

    @Test("mq close connection closes a client's connection with the reason")
    func closeConnection() throws {
        let queue = freshQueue("close")
        #expect(try mq("declare", "queue", queue).status == 0)
        let consumer = try MQProcess(["consume", queue, "--timeout", "30s"])
        defer { _ = consumer.finish(within: 0) }

        // The consumer shows up before its channel's details do: wait for the connection's name.
        let connection = try eventually {
            let name = try mq(
                "list", "consumers", queue, "--no-headers", "--columns", "channel_details.connection_name"
            ).stdout
            return name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : String(name.dropLast())
        }
        let name = try #require(connection, "the consumer's connection never showed up")
        let closed = try mq("close", "connection", name, "--reason", "closed by the test")
        #expect(closed.status == 0)
        #expect(closed.stdout == "closed connection '\(name)'\n")
        #expect(consumer.finish(within: 30) == 69)
        #expect(consumer.stderr.contains("CONNECTION_FORCED (320) - closed by the test"))
        #expect(try mq("close", "connection", name).status == 1)
    }
}
