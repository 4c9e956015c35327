import AMQP
import AMQP10
import AMQP10Wire
import TestSupport
import Testing
import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// The real AMQP 1.0 peers the integration tests talk to, each named by an environment variable
/// (absent: its tests are skipped): RabbitMQ at `MQ_TEST_URL` (4.x natively, 3.x with its plugin)
/// and Qpid Proton's example broker at `MQ_TEST_AMQP10_URL`.
enum AMQP10Peers {
    static var rabbitMQURL: String? { environment("MQ_TEST_URL") }
    static var protonURL: String? { environment("MQ_TEST_AMQP10_URL") }

    /// The settings for a URL as the 0-9-1 client parses it; no credentials in the URL means ANONYMOUS.
    static func settings(url: String) throws -> AMQP10ConnectionSettings {
        let parsed = try ConnectionSettings(uri: url)
        let hasCredentials = url.contains("@")
        return AMQP10ConnectionSettings(
            host: parsed.host, port: parsed.port, user: hasCredentials ? parsed.user : nil,
            password: hasCredentials ? parsed.password : nil, virtualHost: parsed.virtualHost, connectionTimeout: 10,
            idleTimeout: 30)
    }

    /// RabbitMQ's major version, from the open frame's `version` property.
    static func majorVersion(of connection: AMQP10Connection) -> Int {
        guard case .string(let version)? = connection.peerProperties?[symbol: "version"] else { return 0 }
        return Int(version.prefix { $0.isNumber }) ?? 0
    }

    /// A queue's address on RabbitMQ: `/queues/Q` on 4.x, `/amq/queue/Q` on 3.x.
    static func queueAddress(_ queue: String, majorVersion: Int) -> String {
        majorVersion >= 4 ? "/queues/\(queue)" : "/amq/queue/\(queue)"
    }

    /// Declares a durable queue on RabbitMQ over 0-9-1.
    static func declareQueue(_ name: String) throws {
        let connection = try AMQP.Connection.open(ConnectionSettings(uri: rabbitMQURL ?? ""))
        defer { connection.close() }
        try connection.openChannel().declareQueue(name)
    }

    /// Deletes a queue on RabbitMQ over 0-9-1.
    static func deleteQueue(_ name: String) {
        guard let url = rabbitMQURL, let connection = try? AMQP.Connection.open(ConnectionSettings(uri: url)) else {
            return
        }
        defer { connection.close() }
        _ = try? connection.openChannel().deleteQueue(name)
    }

    private static func environment(_ name: String) -> String? {
        guard let value = getenv(name), value.pointee != 0 else { return nil }
        return String(cString: value)
    }
}

extension Message {
    /// A message whose body is one data section of `text`'s bytes.
    static func text(_ text: String) -> Message {
        Message(body: .data([Array(text.utf8)]))
    }

    /// The data sections' bytes joined.
    var dataBytes: [UInt8] {
        if case .data(let parts) = body { return parts.flatMap { $0 } }
        return []
    }
}
