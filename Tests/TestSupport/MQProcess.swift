import Foundation

/// Runs the built `mq` binary as a shell user would: arguments, stdin, environment; captures
/// stdout, stderr and the exit status.
public enum MQProcess {
    /// What one run of mq produced.
    public struct Result: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String
        public let stdoutBytes: [UInt8]
    }

    /// The mq binary beside the test runner (SwiftPM builds it into the same directory), or `MQ_BINARY`.
    public static var binary: String {
        if let path = ProcessInfo.processInfo.environment["MQ_BINARY"] { return path }
        let runner = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var directory = runner.deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("mq").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return "mq"
    }

    /// Runs mq (or `executable`, such as a shell running mq) with `arguments` against the test
    /// broker (MQ_URL set to it unless `environment` says otherwise), feeding `stdin`. Gives up
    /// (status -1) after `timeout` seconds.
    public static func run(
        _ arguments: [String], stdin: [UInt8]? = nil, environment: [String: String] = [:], timeout: Double = 60,
        executable: String = binary
    ) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["MQ_URL"] = TestBroker.url
        env["MQ_PASSWORD"] = nil
        if TestBroker.apiURLGiven { env["MQ_API_URL"] = TestBroker.apiURL }
        for (key, value) in environment { env[key] = value.isEmpty ? nil : value }
        process.environment = env
        let outPipe = Pipe()
        let errPipe = Pipe()
        let inPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = stdin == nil ? FileHandle.nullDevice : inPipe
        try process.run()
        let group = DispatchGroup()
        nonisolated(unsafe) var out = Data()
        nonisolated(unsafe) var err = Data()
        group.enter()
        DispatchQueue.global().async {
            out = outPipe.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        group.enter()
        DispatchQueue.global().async {
            err = errPipe.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        if let stdin {
            DispatchQueue.global().async {
                try? inPipe.fileHandleForWriting.write(contentsOf: Data(stdin))
                try? inPipe.fileHandleForWriting.close()
            }
        }
        if group.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            process.waitUntilExit()
            return Result(status: -1, stdout: "", stderr: "mq did not finish within \(timeout) s", stdoutBytes: [])
        }
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self), stdoutBytes: Array(out))
    }
}
