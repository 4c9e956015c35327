import AMQPWire
import Foundation
import TestSupport
import Testing

@testable import MQCommands

/// `mq declare queue` run in this process against a scripted broker of a given version.
@Suite("mq declare queue against a scripted broker", .timeLimit(.minutes(5)))
struct ScriptedDeclareTests {
    /// Plays a successful handshake as a RabbitMQ of `version`, and opens channel 1.
    static func open(_ broker: FakeBroker, version: String) throws {
        _ = try broker.readProtocolHeader()
        var properties = FakeBroker.serverProperties
        properties["version"] = .string(version)
        try broker.send(ConnectionStart(serverProperties: properties, mechanisms: Array("PLAIN".utf8)))
        _ = try broker.expect(ConnectionStartOk.self)
        try broker.send(FakeBroker.defaultTune)
        _ = try broker.expect(ConnectionTuneOk.self)
        _ = try broker.expect(ConnectionOpen.self)
        try broker.send(ConnectionOpenOk())
        try broker.acceptChannel()
    }

    static let streamWithFilter = ["declare", "queue", "s", "--type", "stream", "--filter-size-bytes", "32"]

    @Test("--filter-size-bytes on a RabbitMQ older than 3.13 is refused in one line, exit 1, nothing declared")
    func filterSizeOnOldBroker() throws {
        let run = try ScriptedRun.run(Self.streamWithFilter) { broker, _ in
            try Self.open(broker, version: "3.12.14")
            return try broker.answerUntilClose()
        }
        #expect(run.status == .refused)
        #expect(
            run.stderr
                == "mq: stream filters need RabbitMQ 3.13 or later, and this broker is RabbitMQ 3.12: it would send "
                + "every record, unfiltered\n")
        #expect(run.script.isEmpty, "nothing is sent on the channel: \(run.script)")
    }

    @Test("on RabbitMQ 3.13 the stream's arguments go out in queue.declare")
    func filterSizeOnNewBroker() throws {
        let run = try ScriptedRun.run(Self.streamWithFilter + ["--max-age", "12h"]) { broker, _ in
            try Self.open(broker, version: "3.13.0")
            return try broker.answerUntilClose()
        }
        #expect(run.status == .success, "\(run.stderr)")
        guard case .queueDeclare(let declare) = try #require(run.script.first) else {
            Issue.record("not a queue.declare: \(run.script)")
            return
        }
        #expect(declare.queue == "s")
        #expect(declare.arguments["x-queue-type"] == .string("stream"))
        #expect(declare.arguments["x-stream-filter-size-bytes"] == .int64(32))
        #expect(declare.arguments["x-max-age"] == .string("12h"))
    }
}
