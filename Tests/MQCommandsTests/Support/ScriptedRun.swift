import AMQP
import Foundation
import Synchronization
import TestSupport
import Transport

@testable import MQCommands

#if canImport(Glibc)
    import Glibc
#endif

/// What a run of mq in this process against a scripted broker left behind.
struct ScriptedRun<Result: Sendable> {
    let status: ExitStatus
    let stdout: String
    let stderr: String
    /// What the broker's script returned.
    let script: Result

    /// Runs `mq arguments` in this process: stdin from `input`, stdout and stderr into files
    /// (the stdout file's path is handed to the script, to check what was written when), and
    /// the broker is `script`, reached over a socket pair through mq's connector.
    static func run(
        _ arguments: [String], input: String = "",
        script: @escaping @Sendable (FakeBroker, _ stdoutPath: String) throws -> Result
    ) throws -> ScriptedRun {
        let run = try ScriptedRun<[Result]>.run(arguments, input: input, scripts: [script])
        return ScriptedRun(status: run.status, stdout: run.stdout, stderr: run.stderr, script: run.script[0])
    }
}

extension ScriptedRun {
    /// Runs `mq arguments` as `run(_:input:script:)` does, against one scripted broker per
    /// connection mq opens, in order (a reconnect opens the next); a connection past the last
    /// script is refused. What each script returned.
    static func run<Each: Sendable>(
        _ arguments: [String], input: String = "",
        scripts: [@Sendable (FakeBroker, _ stdoutPath: String) throws -> Each]
    ) throws -> ScriptedRun<[Each]> where Result == [Each] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mq-scripted-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let paths = ["stdin", "stdout", "stderr"].map { directory.appendingPathComponent($0).path }
        try Data(input.utf8).write(to: URL(fileURLWithPath: paths[0]))
        let descriptors =
            [open(paths[0], O_RDONLY)] + paths.dropFirst().map { open($0, O_WRONLY | O_CREAT | O_TRUNC, 0o600) }
        defer { for descriptor in descriptors { close(descriptor) } }
        guard descriptors.allSatisfy({ $0 >= 0 }) else { throw SystemError(call: "open", code: errno) }

        let stdoutPath = paths[1]
        var clients: [SocketStream] = []
        var peers: [FakePeer<Each>] = []
        for script in scripts {
            let (client, peer) = try FakePeer.start { broker in try script(broker, stdoutPath) }
            clients.append(client)
            peers.append(peer)
        }
        let streams = Mutex<[SocketStream]>(clients)
        let connector = Connector { settings, name throws(AMQPError) in
            guard let next = streams.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) else {
                throw AMQPError.transport(
                    .connectFailed(
                        host: settings.host, port: settings.port, SystemError(call: "connect", code: ECONNREFUSED)))
            }
            return try Connection(stream: next, settings: settings, name: name, deadline: .after(seconds: 5))
        }
        let context = RunContext(
            stdin: descriptors[0], stdout: descriptors[1], stderr: descriptors[2], connector: connector)
        let status = MQ.run(
            ["--url", "amqp://guest:guest@127.0.0.1/"] + arguments, environment: ["HOME": directory.path],
            context: context)
        // Scripts mq never connected to end when their socket closes here.
        for unused in streams.withLock({ $0 }) { unused.close() }
        let results = try peers.map { try $0.finish() }
        func contents(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
        return ScriptedRun<[Each]>(
            status: status, stdout: contents(paths[1]), stderr: contents(paths[2]), script: results)
    }
}
