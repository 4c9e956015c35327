import Foundation
import Synchronization
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// The mq binary running in the background: the tests kill it, stop its broker, or break its
/// connection while it works.
final class Background: @unchecked Sendable {
    private let process: Process
    private let errors = Mutex(Data())
    private let output = Mutex(Data())
    /// How many of the output readers reached the end of their pipe, and how many there are.
    private let readersDone = Mutex(0)
    private let readers: Int
    let started = Date()
    /// The write end of mq's standard input, while it is kept open (a quiet pipe).
    private var input: FileHandle?

    /// Starts mq with `arguments` against `url`; `stdin` is written in full then closed (or, with
    /// `keepingInputOpen`, left open and quiet until mq exits), and standard output goes to
    /// `stdoutFile` when given (else it is collected).
    init(
        _ arguments: [String], url: String = TestBroker.url, stdin: String? = nil, keepingInputOpen: Bool = false,
        stdoutFile: String? = nil
    ) throws {
        signal(SIGPIPE, SIG_IGN)  // a child that exits early must not kill the test runner
        process = Process()
        process.executableURL = URL(fileURLWithPath: MQProcess.binary)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["MQ_URL"] = url
        environment["MQ_PASSWORD"] = nil
        process.environment = environment
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
            try inPipe.fileHandleForWriting.write(contentsOf: Data(stdin.utf8))
            input = inPipe.fileHandleForWriting
        } else if let stdin {
            let writer = inPipe.fileHandleForWriting
            Thread {
                try? writer.write(contentsOf: Data(stdin.utf8))
                try? writer.close()
            }.start()
        }
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

    /// What mq wrote on stderr so far.
    var stderr: String { errors.withLock { String(decoding: $0, as: UTF8.self) } }

    /// What mq wrote on stdout so far (when it was not sent to a file).
    var stdout: String { output.withLock { String(decoding: $0, as: UTF8.self) } }

    var isRunning: Bool { process.isRunning }

    /// Seconds since mq started.
    var elapsed: Double { Date().timeIntervalSince(started) }

    /// Sends `signal` to mq.
    func kill(_ signal: Int32 = SIGKILL) { _ = Glibc.kill(process.processIdentifier, signal) }

    /// Waits for mq to exit: its status (128 + N when signal N ended it), or nil when it is
    /// still running after `seconds` (then it is killed, so nothing outlives the test).
    func wait(within seconds: Double) async -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { try? await Task.sleep(for: .milliseconds(10)) }
        if process.isRunning {
            kill()
            process.waitUntilExit()
            try? input?.close()
            return nil
        }
        process.waitUntilExit()
        try? input?.close()
        // Let the readers take the last bytes.
        let drained = Date().addingTimeInterval(2)
        while readersDone.withLock({ $0 }) < readers, Date() < drained { try? await Task.sleep(for: .milliseconds(5)) }
        return process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    }
}
