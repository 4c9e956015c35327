import Foundation
import TestSupport
import Testing

@Suite("Large messages through the mq binary", .needsBroker, .deletesFreshQueues, .timeLimit(.minutes(5)))
struct LargeMessageTests {
    /// A file of `size` bytes with a pattern, published and read back: true when it came back whole.
    private func roundTrip(_ size: Int, queue: String) throws -> (published: MQProcess.Result, intact: Bool) {
        var body = [UInt8](repeating: 0, count: size)
        for index in stride(from: 0, to: body.count, by: 4096) { body[index] = UInt8(truncatingIfNeeded: index >> 12) }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mq-large-\(queue)")
        try Data(body).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let published = try mq("publish", "--queue", queue, "--file", file.path)
        guard published.status == 0 else { return (published, false) }
        let got = try MQProcess.run(["get", queue, "--format", "raw"])
        // Compared as a Bool: a failed #expect on 64 MiB arrays would spend minutes on their difference.
        return (published, got.status == 0 && got.stdoutBytes == body)
    }

    @Test("a 64 MiB file is published and comes back byte for byte; RabbitMQ 4 refuses it (16 MiB limit), exit 1")
    func sixtyFourMiB() throws {
        let queue = freshQueue("large")
        try mq("declare", "queue", queue)
        let (published, intact) = try roundTrip(64 << 20, queue: queue)
        if TestBroker.isRabbitMQ4 {
            #expect(published.status == 1, "\(published.stderr)")
            #expect(
                published.stderr.hasPrefix(
                    "mq: PRECONDITION_FAILED (406) - message size 67108864 is larger than configured max size 16777216;"
                ),
                "\(published.stderr)")
            #expect(published.stderr.split(separator: "\n").count == 1)
        } else {
            #expect(published.status == 0, "\(published.stderr)")
            #expect(intact)
        }
    }

    @Test("a message of exactly 16 MiB, RabbitMQ 4's default limit, comes back byte for byte on every broker")
    func atTheLimit() throws {
        let queue = freshQueue("limit")
        try mq("declare", "queue", queue)
        let (published, intact) = try roundTrip(16 << 20, queue: queue)
        #expect(published.status == 0, "\(published.stderr)")
        #expect(intact)
    }

    @Test("--no-ack consumes without acknowledgements")
    func noAck() throws {
        let queue = freshQueue("noack")
        try mq("declare", "queue", queue)
        try mq("publish", "--queue", queue, "--lines", stdin: "1\n2\n")
        let result = try mq("consume", queue, "--no-ack", "--count", "2")
        #expect(result.status == 0)
        #expect(result.stdout == "1\n2\n")
    }
}
