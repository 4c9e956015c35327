import AMQP

#if canImport(Glibc)
    import Glibc
#endif

/// The real RabbitMQ the integration tests talk to: `MQ_TEST_URL`, or the node that
/// `scripts/broker start` runs on loopback.
public enum TestBroker {
    /// The broker's URL.
    public static var url: String {
        if let value = getenv("MQ_TEST_URL") { return String(cString: value) }
        return "amqp://guest:guest@127.0.0.1:5672/%2F"
    }

    /// The AMQP port of `url`.
    public static var port: Int {
        (try? ConnectionSettings(uri: url))?.port ?? 5672
    }

    /// The management API of the test broker: `MQ_TEST_API_URL`, or port 15672 on loopback.
    public static var apiURL: String {
        if let value = getenv("MQ_TEST_API_URL") { return String(cString: value) }
        return "http://127.0.0.1:15672"
    }

    /// Whether `MQ_TEST_API_URL` names the API (then mq is told it, as it would not find it on
    /// the broker's host at the default port).
    /// Another test broker's AMQP URL (`MQ_TEST_PEER_URL`: `scripts/test` sets it to the other
    /// version's node when that one runs too), for moves from one broker to another.
    public static var peerURL: String? {
        guard let value = getenv("MQ_TEST_PEER_URL"), value.pointee != 0 else { return nil }
        return String(cString: value)
    }

    public static var apiURLGiven: Bool { getenv("MQ_TEST_API_URL") != nil }

    /// The port of `apiURL`.
    public static var apiPort: Int {
        Int(apiURL.split(separator: ":").last.map { $0.prefix { $0.isNumber } } ?? "") ?? 15672
    }

    /// The broker's major and minor version, from its `connection.start` (e.g. 3.10, 4.0).
    public static let version: (major: Int, minor: Int) = {
        guard let connection = try? connect(name: "mq-tests version"),
            let text = connection.serverProperties["version"]?.stringValue
        else { return (0, 0) }
        connection.close()
        let parts = text.split(separator: ".").compactMap { Int($0) }
        return (parts.first ?? 0, parts.count > 1 ? parts[1] : 0)
    }()

    /// True on RabbitMQ 4 and later, which the tests run with 4.3's defaults (deprecated features denied).
    public static var isRabbitMQ4: Bool { version.major >= 4 }

    /// The folder with the test CA and certificates (`scripts/broker tls-dir`), when it exists.
    public static var tlsDirectory: String? {
        let path = getenv("MQ_TEST_TLS_DIR").map { String(cString: $0) } ?? "/tmp/mq-test-broker/tls"
        return access(path + "/ca.pem", R_OK) == 0 ? path : nil
    }

    /// The port of the test broker's TLS listener.
    public static var tlsPort: Int {
        getenv("MQ_TEST_TLS_PORT").flatMap { Int(String(cString: $0)) } ?? 5671
    }

    /// The parsed settings of `url`, with a short connect timeout.
    public static func settings() throws -> ConnectionSettings {
        var settings = try ConnectionSettings(uri: url)
        settings.connectionTimeout = 5
        return settings
    }

    /// A fresh connection to the test broker.
    public static func connect(name: String = "mq-tests") throws -> Connection {
        try Connection.open(settings(), name: name)
    }

    /// A name no other test (or earlier run) uses, for queues and exchanges.
    public static func uniqueName(_ prefix: String) -> String {
        "mq-test.\(prefix).\(getpid()).\(UInt32.random(in: 0...UInt32.max))"
    }
}
