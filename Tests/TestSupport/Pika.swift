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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
