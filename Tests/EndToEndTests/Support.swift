import Foundation
import TestSupport
import Testing

/// Runs mq with these arguments against the test broker.
@discardableResult
func mq(_ arguments: String..., stdin: String? = nil, environment: [String: String] = [:]) throws -> MQProcess.Result {
    try MQProcess.run(arguments, stdin: stdin.map { Array($0.utf8) }, environment: environment)
}

/// A queue name for one test, deleted by `cleanUp`.
func freshQueue(_ prefix: String) -> String { TestBroker.uniqueName(prefix) }

/// Deletes queues and exchanges a test made.
func cleanUp(queues: [String] = [], exchanges: [String] = []) throws {
    for queue in queues { try mq("delete", "queue", queue) }
    for exchange in exchanges { try mq("delete", "exchange", exchange) }
}

/// Decodes one JSON object per line.
func jsonLines(_ text: String) throws -> [[String: Any]] {
    try text.split(separator: "\n").map { line in
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }
}

/// mq running in the background against the test broker, its stderr collected into a file;
/// started here rather than with a shell's `&`, whose `wait` (dash's) can miss a child's exit.
struct BackgroundMQ {
    let process = Process()
    let stderrPath = FileManager.default.temporaryDirectory.appendingPathComponent("mq-bg-\(UUID().uuidString)").path

    init(_ arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: MQProcess.binary)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["MQ_URL"] = TestBroker.url
        if TestBroker.apiURLGiven { environment["MQ_API_URL"] = TestBroker.apiURL }
        process.environment = environment
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
        try process.run()
    }

    /// Its exit status once it ends, or nil (and it is killed) when it runs past `seconds`; and its stderr.
    func finish(within seconds: Double) -> (status: Int32?, stderr: String) {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        var status: Int32?
        if process.isRunning {
            process.terminate()
        } else {
            status = process.terminationStatus
        }
        process.waitUntilExit()
        defer { unlink(stderrPath) }
        return (status, (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "")
    }
}

/// Starts a `/bin/sh -c` pipeline in the background, with `$MQ` the mq binary and `$Q` `queue`,
/// against the test broker; the caller waits for it.
func startPipeline(_ script: String, queue: String) throws -> Process {
    let shell = Process()
    shell.executableURL = URL(fileURLWithPath: "/bin/sh")
    shell.arguments = ["-c", script]
    var environment = ProcessInfo.processInfo.environment
    environment.merge(["MQ": MQProcess.binary, "Q": queue, "MQ_URL": TestBroker.url]) { $1 }
    if TestBroker.apiURLGiven { environment["MQ_API_URL"] = TestBroker.apiURL }
    shell.environment = environment
    try shell.run()
    return shell
}

/// Runs a `/bin/sh -c` pipeline in which `$MQ` is the mq binary and `$Q` is `queue`, against the
/// test broker; its status, stdout and stderr.
func pipeline(_ script: String, queue: String = "", timeout: Double = 60) throws -> MQProcess.Result {
    var environment = ["MQ": MQProcess.binary, "Q": queue, "MQ_URL": TestBroker.url]
    if TestBroker.apiURLGiven { environment["MQ_API_URL"] = TestBroker.apiURL }
    return try MQProcess.run(["-c", script], environment: environment, timeout: timeout, executable: "/bin/sh")
}
