import Foundation

/// Runs `Tests/Interop/pika_peer.py`, an independent AMQP client, for interop tests.
public enum Pika {
    /// True when python3 can import pika here.
    public static let isAvailable: Bool = (try? run(["-c", "import pika"]).status) == 0

    /// Runs the peer script with `arguments`; returns its exit status and standard output.
    public static func peer(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let script = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Interop/pika_peer.py").path
        return try run([script] + arguments)
    }

    private static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let result = try MQProcess.run(["python3"] + arguments, executable: "/usr/bin/env")
        return (result.status, result.stdout)
    }
}
