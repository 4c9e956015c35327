import Foundation
import Testing
import TestSupport

@Suite("Large messages through the mq binary")
struct LargeMessageTests {
    @Test("a 64 MiB file is published and comes back byte for byte")
    func sixtyFourMiB() throws {
        let queue = freshQueue("large")
        try mq("declare", "queue", queue)
        var body = [UInt8](repeating: 0, count: 64 << 20)
        for index in stride(from: 0, to: body.count, by: 4096) { body[index] = UInt8(truncatingIfNeeded: index >> 12) }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mq-large-\(queue)")
        try Data(body).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let published = try mq("publish", "--queue", queue, "--file", file.path)
        #expect(published.status == 0, "\(published.stderr)")
        let got = try MQProcess.run(["get", queue, "--format", "raw"])
        #expect(got.status == 0)
        #expect(got.stdoutBytes.count == body.count)
        #expect(got.stdoutBytes == body)
        try cleanUp(queues: [queue])
    }

    @Test("--no-ack consumes without acknowledgements")
    func noAck() throws {
        let queue = freshQueue("noack")
        try mq("declare", "queue", queue)
        try mq("publish", "--queue", queue, "--lines", stdin: "1\n2\n")
        let result = try mq("consume", queue, "--no-ack", "--count", "2")
        #expect(result.status == 0)
        #expect(result.stdout == "1\n2\n")
        try cleanUp(queues: [queue])
    }
}
