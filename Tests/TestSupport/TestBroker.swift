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
