import Synchronization
import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a shell command as a child process: `/bin/sh -c COMMAND`, a body on its stdin, extra
/// environment variables, and (when asked) its stdout captured. stderr passes through.
enum ChildProcess {
    /// How the command ended.
    struct Outcome: Sendable {
        /// The exit status, or 128 + the signal that killed it.
        let status: Int32
        let output: [UInt8]
    }

    /// Runs the command to completion with exactly `environment`. Blocks; call it off the main thread.
    static func run(_ command: String, input: [UInt8], environment: [String: String], captureOutput: Bool) -> Outcome {
        guard let child = spawn(command, environment: environment, captureOutput: captureOutput) else {
            return Outcome(status: 127, output: [])
        }
        let output = pump(input: input, to: child.stdin, from: child.stdout)
        if let stdout = child.stdout { close(stdout) }
        var status: Int32 = 0
        _ = try? syscall("waitpid") { waitpid(child.pid, &status, 0) }
        let exitStatus = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Outcome(status: exitStatus, output: output)
    }

    /// Starts the child; returns its pid, the write end of its stdin and the read end of its stdout.
    private static func spawn(
        _ command: String, environment: [String: String], captureOutput: Bool
    ) -> (pid: pid_t, stdin: Int32, stdout: Int32?)? {
        // Pipes and spawn under one lock: a pipe another thread makes in between would leak into
        // this child before its close-on-exec flag is set.
        spawnLock.withLock { _ in spawnLocked(command, environment: environment, captureOutput: captureOutput) }
    }

    private static func spawnLocked(
        _ command: String, environment: [String: String], captureOutput: Bool
    ) -> (pid: pid_t, stdin: Int32, stdout: Int32?)? {
        var stdinPipe: [Int32] = [0, 0]
        var stdoutPipe: [Int32] = [0, 0]
        guard makePipe(&stdinPipe) else { return nil }
        if captureOutput, !makePipe(&stdoutPipe) {
            close(stdinPipe[0])
            close(stdinPipe[1])
            return nil
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdinPipe[0], 0)
        if captureOutput { posix_spawn_file_actions_adddup2(&actions, stdoutPipe[1], 1) }
        let words: [String] = ["/bin/sh", "-c", command]
        let arguments: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        let variables: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in arguments + variables { free(pointer) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, nil, arguments, variables)
        close(stdinPipe[0])
        if captureOutput { close(stdoutPipe[1]) }
        guard spawned == 0 else {
            close(stdinPipe[1])
            if captureOutput { close(stdoutPipe[0]) }
            return nil
        }
        return (pid, stdinPipe[1], captureOutput ? stdoutPipe[0] : nil)
    }

    private static let spawnLock = Mutex(())

    /// Makes a pipe whose ends close on exec; false (with errno set) when it cannot.
    static func makePipe(_ ends: inout [Int32]) -> Bool {
        guard pipe(&ends) == 0 else { return false }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        return true
    }

    /// Writes `input` and reads the output at the same time, so neither side can block the other.
    /// Closes `writeEnd` once the input is written (or the command stops reading).
    private static func pump(input: [UInt8], to writeEnd: Int32, from readEnd: Int32?) -> [UInt8] {
        var written = 0
        var writing = true
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        _ = fcntl(writeEnd, F_SETFL, fcntl(writeEnd, F_GETFL) | O_NONBLOCK)
        var reading = readEnd != nil
        if input.isEmpty {
            writing = false
            close(writeEnd)
        }
        while writing || reading {
            var fds: [pollfd] = []
            if writing { fds.append(pollfd(fd: writeEnd, events: Int16(POLLOUT), revents: 0)) }
            if reading, let readEnd { fds.append(pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)) }
            guard (try? syscall("poll") { poll(&fds, nfds_t(fds.count), -1) }) != nil else { break }
            for entry in fds where entry.revents != 0 {
                if entry.fd == writeEnd {
                    let finished: Bool
                    do {
                        let offset = written
                        written += try syscall("write") {
                            input.withUnsafeBytes { write(writeEnd, $0.baseAddress! + offset, input.count - offset) }
                        }
                        finished = written == input.count
                    } catch {
                        // EPIPE: the command stopped reading; the rest of the body is not for it.
                        finished = error.code != EAGAIN
                    }
                    if finished {
                        writing = false
                        close(writeEnd)
                    }
                } else {
                    let count =
                        (try? syscall("read") {
                            chunk.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress!, $0.count) }
                        }) ?? 0
                    if count > 0 {
                        output.append(contentsOf: chunk[0..<count])
                    } else {
                        reading = false
                    }
                }
            }
        }
        if writing { close(writeEnd) }
        return output
    }
}
