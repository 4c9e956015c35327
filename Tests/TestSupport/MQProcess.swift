import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The one way the tests run a program (mq, or a shell or tmux running it) as a user would:
/// arguments, stdin and environment in; stdout, stderr and the exit status out. It runs in the
/// background until waited for, so a test can kill it, stop its broker or break its connection
/// meanwhile; `run` starts and waits in one call.
public final class MQProcess: @unchecked Sendable {
    /// What one run produced.
    public struct Result: Sendable {
        /// The exit status; 128 + N when signal N ended it; -1 when it was killed for running too long.
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

    private let process = Process()
    private let errors = Mutex(Data())
    private let output = Mutex(Data())
    /// How many of the output readers reached the end of their pipe, and how many there are.
    private let readersDone = Mutex(0)
    private let readers: Int
    public let started = Date()
    /// The write end of the standard input, while it is kept open (a quiet pipe).
    private var input: FileHandle?

    /// Starts `executable` (mq unless told otherwise) with `arguments` against `url` (as MQ_URL,
    /// with the API URL when the tests were given one; `environment` adds to that, an empty value
    /// removes a variable). `stdin` is written in full then closed (or, with `keepingInputOpen`,
    /// left open and quiet until the process ends); without it stdin is /dev/null. Standard output
    /// goes to `stdoutFile` when given, else it is collected.
    public init(
        _ arguments: [String], executable: String = binary, url: String = TestBroker.url,
        environment: [String: String] = [:],
        stdin: [UInt8]? = nil, keepingInputOpen: Bool = false, stdoutFile: String? = nil
    ) throws {
        signal(SIGPIPE, SIG_IGN)  // a child that exits early must not kill the test runner
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var variables = ProcessInfo.processInfo.environment
        variables["MQ_URL"] = url
        variables["MQ_PASSWORD"] = nil
        if TestBroker.apiURLGiven { variables["MQ_API_URL"] = TestBroker.apiURL }
        for (key, value) in environment { variables[key] = value.isEmpty ? nil : value }
        process.environment = variables
        let errPipe = Pipe()
        let inPipe = Pipe()
        process.standardError = errPipe
        process.standardInput = stdin == nil ? FileHandle.nullDevice : inPipe
        var outPipe: Pipe?
        if let stdoutFile {
            _ = FileManager.default.createFile(atPath: stdoutFile, contents: nil)
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: stdoutFile))
        } else {
            let pipe = Pipe()
            process.standardOutput = pipe
            outPipe = pipe
        }
        readers = outPipe == nil ? 1 : 2
        try process.run()
        collect(errPipe.fileHandleForReading, stdout: false)
        if let outPipe { collect(outPipe.fileHandleForReading, stdout: true) }
        if let stdin, keepingInputOpen {
            try inPipe.fileHandleForWriting.write(contentsOf: Data(stdin))
            input = inPipe.fileHandleForWriting
        } else if let stdin {
            let writer = inPipe.fileHandleForWriting
            Thread {
                try? writer.write(contentsOf: Data(stdin))
                try? writer.close()
            }.start()
        }
    }

    /// `init` with text for stdin.
    public convenience init(
        _ arguments: [String], executable: String = binary, url: String = TestBroker.url,
        environment: [String: String] = [:],
        stdin: String?, keepingInputOpen: Bool = false, stdoutFile: String? = nil
    ) throws {
        try self.init(
            arguments, executable: executable, url: url, environment: environment, stdin: stdin.map { Array($0.utf8) },
            keepingInputOpen: keepingInputOpen, stdoutFile: stdoutFile)
    }

    /// Runs mq (or `executable`, such as a shell running mq) with `arguments` against `url` (the
    /// test broker unless told otherwise), feeding `stdin`, and waits for it. Gives up after
    /// `timeout` seconds: status -1, with what it printed until then.
    public static func run(
        _ arguments: [String], url: String = TestBroker.url, stdin: [UInt8]? = nil, environment: [String: String] = [:],
        timeout: Double = 60, executable: String = binary
    ) throws -> Result {
        let process = try MQProcess(arguments, executable: executable, url: url, environment: environment, stdin: stdin)
        return process.result(process.finish(within: timeout), timeout: timeout)
    }

    /// What the process printed, with `status` (nil when it was killed after `timeout` seconds).
    func result(_ status: Int32?, timeout: Double) -> Result {
        guard let status else {
            let note = "\(process.executableURL?.path ?? "") did not finish within \(timeout) s"
            return Result(status: -1, stdout: stdout, stderr: stderr + note, stdoutBytes: stdoutBytes)
        }
        return Result(status: status, stdout: stdout, stderr: stderr, stdoutBytes: stdoutBytes)
    }

    private func collect(_ handle: FileHandle, stdout: Bool) {
        Thread { [self] in
            while true {
                let data = handle.availableData
                if data.isEmpty { break }
                if stdout { output.withLock { $0.append(data) } } else { errors.withLock { $0.append(data) } }
            }
            readersDone.withLock { $0 += 1 }
        }.start()
    }

    /// What the process wrote on stderr so far.
    public var stderr: String { errors.withLock { String(decoding: $0, as: UTF8.self) } }

    /// What the process wrote on stdout so far (when it was not sent to a file).
    public var stdout: String { String(decoding: stdoutBytes, as: UTF8.self) }

    /// The bytes the process wrote on stdout so far (when it was not sent to a file).
    public var stdoutBytes: [UInt8] { output.withLock { Array($0) } }

    public var isRunning: Bool { process.isRunning }

    /// Seconds since the process started.
    public var elapsed: Double { Date().timeIntervalSince(started) }

    /// Sends `signal` to the process.
    public func kill(_ signal: Int32 = SIGKILL) { _ = Glibc.kill(process.processIdentifier, signal) }

    /// Waits for the process to exit: its status (128 + N when signal N ended it), or nil when
    /// it is still running after `seconds` (then it is killed, so nothing outlives the test).
    /// Sleeps with `Task.sleep`, so a waiting test holds no thread.
    public func wait(within seconds: Double) async -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { try? await Task.sleep(for: .milliseconds(10)) }
        guard stopIfRunning() else { return nil }
        let drained = Date().addingTimeInterval(2)
        while readersDone.withLock({ $0 }) < readers, Date() < drained { try? await Task.sleep(for: .milliseconds(5)) }
        return status
    }

    /// `wait(within:)` for a test that is not async: blocks the thread.
    public func finish(within seconds: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { usleep(10_000) }
        guard stopIfRunning() else { return nil }
        let drained = Date().addingTimeInterval(2)
        while readersDone.withLock({ $0 }) < readers, Date() < drained { usleep(5_000) }
        return status
    }

    /// Kills the process if it still runs (false then); closes a stdin kept open either way.
    private func stopIfRunning() -> Bool {
        defer { try? input?.close() }
        if process.isRunning {
            kill()
            process.waitUntilExit()
            return false
        }
        process.waitUntilExit()
        return true
    }

    private var status: Int32 {
        process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    }
}
