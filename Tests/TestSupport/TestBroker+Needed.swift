import AMQP
import Transport

#if canImport(Glibc)
    import Glibc
#endif

extension TestBroker {
    /// True when the suites that talk to a real broker should run: `MQ_TEST_URL` is set (as
    /// `make test` sets it: then a broker that is down fails them loudly), or something accepts a
    /// TCP connection at the default address within a second. Each test target turns this into
    /// its `needsBroker` trait (TestSupport cannot import Testing: release builds build it too).
    public static let isAvailable: Bool = getenv("MQ_TEST_URL") != nil || isListening

    /// Why the suites that need a broker are skipped, and how to run them.
    public static let unavailableReason =
        "no RabbitMQ at 127.0.0.1:5672: run `make test` (it starts the brokers), or `scripts/broker start` and set "
        + "MQ_TEST_URL=$(scripts/broker url)"

    private static let isListening: Bool = {
        guard let socket = try? SocketStream.connect(host: "127.0.0.1", port: 5672, deadline: .after(seconds: 1)) else {
            return false
        }
        socket.close()
        return true
    }()
}
