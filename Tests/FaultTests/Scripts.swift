import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs `scripts/NAME ARGUMENTS` from the repository, within `timeout` seconds; its output, or a
/// thrown error naming what it printed when it fails.
///
/// Not through Foundation's `Process`: it hands the child a socket and takes the child for
/// running until that socket closes, which never happens when the script leaves a broker running
/// in the background. Here the script gets no descriptor but its standard ones, and `waitpid`
/// says when it ended.
@discardableResult
func script(_ name: String, _ arguments: String..., timeout: Double = 150) async throws -> String {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let command = "scripts/\(name) \(arguments.joined(separator: " "))"
    let log = FileManager.default.temporaryDirectory.appendingPathComponent(
        "mq-script-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    ).path
    defer { unlink(log) }
    // bash closes every inherited descriptor above 2, then becomes the script.
    let closeAndRun =
        #"for fd in /proc/$$/fd/*; do fd=${fd##*/}; [ "$fd" -gt 2 ] && eval "exec $fd>&-" 2>/dev/null; done; exec "$@""#
    let argv =
        ["/bin/bash", "-c", closeAndRun, "bash", root.appendingPathComponent("scripts/\(name)").path] + arguments
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    var cArguments = argv.map { strdup($0) } + [nil]
    defer { for argument in cArguments { free(argument) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, "/bin/bash", &actions, nil, &cArguments, environ)
    guard spawned == 0 else { throw ScriptError(description: "\(command): posix_spawn failed (\(spawned))") }
    var status: Int32 = 0
    let deadline = Date().addingTimeInterval(timeout)
    while waitpid(pid, &status, WNOHANG) == 0 {
        if Date() > deadline {
            kill(pid, SIGKILL)
            waitpid(pid, &status, 0)
            throw ScriptError(description: "\(command) still running after \(timeout) s")
        }
        try? await Task.sleep(for: .milliseconds(20))
    }
    let printed = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
    let exitCode = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + status & 0x7f
    guard exitCode == 0 else { throw ScriptError(description: "\(command) failed (\(exitCode)): \(printed)") }
    return printed
}

struct ScriptError: Error, CustomStringConvertible {
    let description: String
}
