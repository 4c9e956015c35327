import Foundation
import TestSupport
import Testing

@Suite("mq publish", .needsBroker, .deletesFreshQueues, .timeLimit(.minutes(5)))
struct PublishTests {
    @Test("every property and typed headers arrive as given")
    func everyProperty() throws {
        let queue = freshQueue("props")
        try mq("declare", "queue", queue)
        let published = try mq(
            "publish", "--queue", queue, "--content-type", "application/json", "--content-encoding", "utf-8",
            "--header", "count=42", "--header", "flag=true", "--header", "name=web", "--header-string", "zip=01234",
            "--persistent", "--priority", "3", "--correlation-id", "c-1", "--reply-to", "replies", "--expiration",
            "60s",
            "--message-id", "m-1", "--timestamp", "1700000000", "--type", "order.created", "--user-id", "guest",
            "--app-id", "shop", "{\"id\":1}")
        #expect(published.status == 0, "\(published.stderr)")
        let got = try mq("get", queue, "--format", "json")
        #expect(got.status == 0)
        let message = try #require(try jsonLines(got.stdout).first)
        #expect(message["body"] as? String == "{\"id\":1}")
        #expect(message["body_encoding"] as? String == "utf8")
        let properties = try #require(message["properties"] as? [String: Any])
        #expect(properties["content_type"] as? String == "application/json")
        #expect(properties["content_encoding"] as? String == "utf-8")
        #expect(properties["delivery_mode"] as? Int == 2)
        #expect(properties["priority"] as? Int == 3)
        #expect(properties["correlation_id"] as? String == "c-1")
        #expect(properties["reply_to"] as? String == "replies")
        #expect(properties["expiration"] as? String == "60000")
        #expect(properties["message_id"] as? String == "m-1")
        #expect(properties["timestamp"] as? Int == 1_700_000_000)
        #expect(properties["type"] as? String == "order.created")
        #expect(properties["user_id"] as? String == "guest")
        #expect(properties["app_id"] as? String == "shop")
        let headers = try #require(message["headers"] as? [String: Any])
        #expect(headers["count"] as? Int == 42)
        #expect(headers["flag"] as? Bool == true)
        #expect(headers["name"] as? String == "web")
        #expect(headers["zip"] as? String == "01234")
    }

    @Test("the body comes from stdin, a file, or stdin lines")
    func bodySources() throws {
        let queue = freshQueue("bodies")
        try mq("declare", "queue", queue)
        #expect(try mq("publish", "--queue", queue, stdin: "from stdin").status == 0)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mq-body-\(queue)")
        try Data("from file".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(try mq("publish", "--queue", queue, "--file", file.path).status == 0)
        let lines = try mq("publish", "--queue", queue, "--lines", "--json", stdin: "a\nb\r\nc")
        #expect(lines.status == 0)
        #expect(
            lines.stdout
                == "{\"published\":3,\"confirmed\":3,\"returned\":0,\"nacked\":0,\"skipped\":0,\"reconnects\":0,\"republished\":0}\n"
        )
        #expect(try mq("get", queue, "--count", "5", "--format", "raw").stdout == "from stdinfrom fileabc")
    }

    @Test("ten thousand lines stream through with confirms")
    func manyLines() throws {
        let queue = freshQueue("many")
        try mq("declare", "queue", queue)
        let input = (1...10_000).map(String.init).joined(separator: "\n") + "\n"
        let result = try mq("publish", "--queue", queue, "--lines", "--json", "--confirm-window", "64", stdin: input)
        #expect(
            result.stdout
                == "{\"published\":10000,\"confirmed\":10000,\"returned\":0,\"nacked\":0,\"skipped\":0,\"reconnects\":0,\"republished\":0}\n"
        )
        let declared = try mq("declare", "queue", queue, "--passive", "--json")
        #expect(try jsonLines(declared.stdout).first?["messages"] as? Int == 10_000)
    }

    @Test("an unroutable message exits 2 naming the exchange and key; --no-mandatory allows it")
    func unroutable() throws {
        let key = freshQueue("nowhere")
        let result = try mq("publish", "--key", key, "lost", "--json")
        #expect(result.status == 2)
        #expect(result.stderr.contains("routing key '\(key)'"))
        #expect(
            result.stdout
                == "{\"published\":1,\"confirmed\":0,\"returned\":1,\"nacked\":0,\"skipped\":0,\"reconnects\":0,\"republished\":0}\n"
        )
        #expect(try mq("publish", "--key", key, "lost", "--no-mandatory").status == 0)
    }

    @Test("fire and forget checks nothing: unroutable lines with --no-confirm exit 0, none counted as returned")
    func fireAndForgetUnroutable() throws {
        let key = freshQueue("nowhere")
        let lines = (1...2000).map { "message \($0)" }.joined(separator: "\n") + "\n"
        let result = try mq("publish", "--key", key, "--lines", "--no-confirm", "--json", stdin: lines)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        #expect(
            result.stdout
                == "{\"published\":2000,\"confirmed\":0,\"returned\":0,\"nacked\":0,\"skipped\":0,\"reconnects\":0,\"republished\":0}\n"
        )
        let contradiction = try mq("publish", "--key", key, "--no-confirm", "--mandatory", "lost")
        #expect(contradiction.status == 64)
        #expect(contradiction.stderr.contains("--mandatory needs confirms"))
    }

    @Test("a missing exchange exits 1 with NOT_FOUND")
    func missingExchange() throws {
        let result = try mq("publish", "--exchange", freshQueue("nox"), "x")
        #expect(result.status == 1)
        #expect(result.stderr.contains("NOT_FOUND (404)"))
    }

    @Test("an unreadable body file exits 65")
    func unreadableFile() throws {
        let result = try mq("publish", "--queue", "q", "--file", "/nonexistent/body")
        #expect(result.status == 65)
        #expect(result.stderr.hasPrefix("mq: cannot read '/nonexistent/body'"))
    }

    @Test("two bodies at once is a usage error")
    func twoBodies() throws {
        let result = try mq("publish", "--queue", "q", "--lines", "body")
        #expect(result.status == 64)
    }
}
