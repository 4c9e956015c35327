import AMQP
import Testing
import Transport

#if canImport(Glibc)
    import Glibc
#endif

extension TestBroker {
    /// The trait of every suite that talks to a real broker: without `MQ_TEST_URL` and with
    /// nothing answering at the default address, such suites are skipped with the way to run
    /// them, so a plain `swift test` passes. With `MQ_TEST_URL` set (as `make test` sets it) they
    /// always run: a broker that is named but down fails them loudly.
    public static let needed: ConditionTrait = .enabled(
        if: getenv("MQ_TEST_URL") != nil || isListening,
        "no RabbitMQ at \(defaultAddress): run `make test` (it starts the brokers), or `scripts/broker start` and set MQ_TEST_URL=$(scripts/broker url)"
    )

    /// Where the tests look for a broker when `MQ_TEST_URL` is not set.
    static let defaultAddress = "127.0.0.1:5672"

    /// True when something accepts a TCP connection at the default address within a second.
    static let isListening: Bool = {
        guard let socket = try? SocketStream.connect(host: "127.0.0.1", port: 5672, deadline: .after(seconds: 1)) else { return false }
        socket.close()
        return true
    }()
}
