import Foundation
import TestSupport
import Testing

@Suite(
    "mq and pika read each other's messages", .needsBroker, .deletesFreshQueues,
    .enabled(if: Pika.isAvailable, "python3 with pika is not installed"),
    .timeLimit(.minutes(5)))
struct CommandLinePikaInteropTests {
    @Test("what pika publishes with every property and nested headers, mq consume --format json shows exactly")
    func pikaToMQ() throws {
        let queue = freshQueue("pika-mq")
        try mq("declare", "queue", queue)
        #expect(try Pika.peer(["publish", TestBroker.url, queue]).status == 0)
        let result = try mq("consume", queue, "--count", "1", "--format", "json")
        #expect(result.status == 0)
        let message = try #require(try jsonLines(result.stdout).first)
        #expect(message["body"] as? String == Data("interop ".utf8 + [0, 0xFF] + " body".utf8).base64EncodedString())
        #expect(message["body_encoding"] as? String == "base64")
        let properties = try #require(message["properties"] as? [String: Any])
        let strings = [
            "content_type": "application/octet-stream", "content_encoding": "gzip", "correlation_id": "corr-1",
            "reply_to": "reply-q", "expiration": "60000", "message_id": "msg-1", "type": "interop.type",
            "user_id": "guest",
            "app_id": "pika-peer", "cluster_id": "",
        ]
        for (name, value) in strings { #expect(properties[name] as? String == value, "\(name)") }
        let numbers = ["delivery_mode": 2, "priority": 5, "timestamp": 1_700_000_000]
        for (name, value) in numbers { #expect(properties[name] as? Int == value, "\(name)") }
        #expect(properties.count == strings.count + numbers.count)
        let headers = try #require(message["headers"] as? [String: Any])
        #expect(headers["str"] as? String == "text")
        #expect(headers["int"] as? Int == 42)
        #expect(headers["neg"] as? Int == -7)
        #expect(headers["big"] as? Int == 1 << 40)
        #expect((headers["decimal"] as? [String: String]) == ["$type": "decimal", "value": "1.5"])
        #expect(headers["bool"] as? Bool == true)
        #expect(headers["none"] is NSNull)
        let list = try #require(headers["list"] as? [Any])
        #expect(list.count == 3)
        #expect(list.first as? Int == 1)
        #expect(list.dropFirst().first as? String == "two")
        #expect((list.last as? [Any])?.first as? Int == 3)
        let nested = try #require(headers["nested"] as? [String: [String: String]])
        #expect(nested == ["a": ["b": "c"]])
        #expect((headers["bytes"] as? [String: String]) == ["$type": "bytes", "value": "AQI="])
        let time = try #require(headers["time"] as? [String: Any])
        #expect(time["$type"] as? String == "timestamp")
        #expect(time["value"] as? Int == 1_700_000_000)
    }

    @Test("what mq publish sends with every property, pika reads exactly")
    func mqToPika() throws {
        let queue = freshQueue("mq-pika")
        try mq("declare", "queue", queue)
        let published = try mq(
            "publish", "--queue", queue, "--content-type", "text/plain", "--content-encoding", "utf-8",
            "--header", "n=7", "--header", "ok=false", "--header", "who=mq", "--persistent", "--priority", "4",
            "--correlation-id", "c", "--reply-to", "r", "--expiration", "1500ms", "--message-id", "m",
            "--timestamp", "2023-11-14T22:13:20Z", "--type", "t", "--user-id", "guest", "--app-id", "a", "héllo")
        #expect(published.status == 0, "\(published.stderr)")
        let read = try Pika.peer(["read", TestBroker.url, queue])
        #expect(read.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(read.output.utf8)) as? [String: Any])
        #expect(json["body_hex"] as? String == Data("héllo".utf8).map { String(format: "%02x", $0) }.joined())
        let properties = try #require(json["properties"] as? [String: Any])
        #expect(properties["content_type"] as? String == "text/plain")
        #expect(properties["content_encoding"] as? String == "utf-8")
        #expect(properties["delivery_mode"] as? Int == 2)
        #expect(properties["priority"] as? Int == 4)
        #expect(properties["correlation_id"] as? String == "c")
        #expect(properties["reply_to"] as? String == "r")
        #expect(properties["expiration"] as? String == "1500")
        #expect(properties["message_id"] as? String == "m")
        #expect(properties["timestamp"] as? Int == 1_700_000_000)
        #expect(properties["type"] as? String == "t")
        #expect(properties["user_id"] as? String == "guest")
        #expect(properties["app_id"] as? String == "a")
        let headers = try #require(json["headers"] as? [String: [String: Any]])
        #expect(headers["n"]?["value"] as? Int == 7)
        #expect(headers["ok"]?["value"] as? Bool == false)
        #expect(headers["who"]?["value"] as? String == "mq")
    }
}
