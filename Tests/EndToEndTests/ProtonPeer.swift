import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Qpid Proton's example broker and python-qpid-proton, when the environment names them
/// (`MQ_TEST_AMQP10_URL`, `MQ_TEST_PROTON_PYTHON`, as `scripts/test` sets them): the AMQP 1.0
/// peer that is not RabbitMQ, and the independent client that reads and writes beside mq.
struct ProtonPeer {
    private static let environment = ProcessInfo.processInfo.environment

    /// True when both are named: the tests that need them run.
    static let configured = environment["MQ_TEST_AMQP10_URL"] != nil && environment["MQ_TEST_PROTON_PYTHON"] != nil
    /// Why they do not run otherwise.
    static let missing = Comment(
        rawValue: "set MQ_TEST_AMQP10_URL and MQ_TEST_PROTON_PYTHON (scripts/amqp10-peer url, python)")

    /// The broker's URL, without credentials (python-qpid-proton then logs in with ANONYMOUS).
    let url: String
    let python: String

    init() throws {
        url = try #require(Self.environment["MQ_TEST_AMQP10_URL"])
        python = try #require(Self.environment["MQ_TEST_PROTON_PYTHON"])
    }

    /// The URL mq logs in with: an empty password, so SASL ANONYMOUS, all the broker offers.
    var anonymousURL: String { url.replacingOccurrences(of: "amqp://", with: "amqp://:@") }

    /// A queue name no other test uses (the broker makes a queue for any address).
    func freshQueue(_ prefix: String) -> String {
        "mq-test.\(prefix).\(getpid()).\(UInt32.random(in: 0...UInt32.max))"
    }

    /// Runs `scripts/proton-client.py` with `arguments` (`send URL ADDRESS ...`, `receive ...`).
    func client(_ arguments: [String]) throws -> MQProcess.Result {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../scripts/proton-client.py").standardized.path
        return try MQProcess.run([script] + arguments, timeout: 60, executable: python)
    }
}
