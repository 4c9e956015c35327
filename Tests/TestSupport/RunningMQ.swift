import Foundation
import Testing

// The one way a test runs mq and reads a queue back; the end-to-end and fault tests share it.

/// Runs mq with `arguments` against `url` (the shared test broker unless told otherwise), feeding
/// `stdin`, and waits for it; status -1 when it was killed after `timeout` seconds.
@discardableResult
public func mq(
    _ arguments: [String], url: String = TestBroker.url, stdin: String? = nil, environment: [String: String] = [:],
    timeout: Double = 60
) throws -> MQProcess.Result {
    try MQProcess.run(
        arguments, url: url, stdin: stdin.map { Array($0.utf8) }, environment: environment, timeout: timeout)
}

/// `mq` with its arguments written out.
@discardableResult
public func mq(
    _ arguments: String..., url: String = TestBroker.url, stdin: String? = nil, environment: [String: String] = [:],
    timeout: Double = 60
) throws -> MQProcess.Result {
    try mq(arguments, url: url, stdin: stdin, environment: environment, timeout: timeout)
}

/// `mq` for an async test: it waits with `Task.sleep`, so a waiting test holds no thread and the
/// rest of the suite runs meanwhile.
@discardableResult
public func mq(
    _ arguments: [String], url: String = TestBroker.url, stdin: String? = nil, environment: [String: String] = [:],
    timeout: Double = 60
) async throws -> MQProcess.Result {
    let process = try MQProcess(arguments, url: url, environment: environment, stdin: stdin)
    return process.result(await process.wait(within: timeout), timeout: timeout)
}

/// The ready messages and the consumers of `queue` on the broker at `url` (a passive declare).
public func queueState(_ queue: String, url: String = TestBroker.url) throws -> (messages: Int, consumers: Int) {
    try QueueState(try mq(["declare", "queue", queue, "--passive", "--json"], url: url)).value
}

/// `queueState` for an async test.
public func queueState(_ queue: String, url: String = TestBroker.url) async throws -> (messages: Int, consumers: Int) {
    try QueueState(try await mq(["declare", "queue", queue, "--passive", "--json"], url: url)).value
}

/// How many messages are ready in `queue` on the broker at `url`.
public func ready(_ queue: String, url: String = TestBroker.url) throws -> Int {
    try queueState(queue, url: url).messages
}

/// What `declare queue --passive --json` said.
private struct QueueState {
    let value: (messages: Int, consumers: Int)

    init(_ declared: MQProcess.Result) throws {
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(declared.stdout.utf8)) as? [String: Any], "\(declared.stderr)")
        value = (try #require(object["messages"] as? Int), try #require(object["consumers"] as? Int))
    }
}

/// `count` numbered lines, `m1` to `mN` (with another `prefix`), each followed by a newline: the
/// messages of a `publish --lines`.
public func numberedLines(_ count: Int, prefix: String = "m") -> String {
    (1...count).map { "\(prefix)\($0)\n" }.joined()
}
