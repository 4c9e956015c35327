import Foundation
import TestSupport
import Testing

/// `Sources/AMQPWire/Methods/` must be exactly what `scripts/generate-methods.py` writes from the
/// spec files in `scripts/amqp/`: regenerate with `scripts/generate-methods.py` after changing
/// the generator.
@Suite("Generated methods", .timeLimit(.minutes(5)))
struct GeneratedMethodsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Every file under `folder`, by its path inside it, with its bytes.
    static func files(under folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let base = folder.standardizedFileURL.path + "/"
        guard let walk = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        else { return [:] }
        for case let url as URL in walk where try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true
        {
            result[String(url.standardizedFileURL.path.dropFirst(base.count))] = try Data(contentsOf: url)
        }
        return result
    }

    @Test("the checked-in methods are what the generator writes from the checked-in spec")
    func methodsMatchGenerator() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("mq-methods-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let generator = try MQProcess.run(
            [
                "python3", Self.root.appendingPathComponent("scripts/generate-methods.py").path,
                Self.root.appendingPathComponent("scripts/amqp").path, output.path,
            ], executable: "/usr/bin/env")
        try #require(generator.status == 0, "\(generator.stderr)")
        let generated = try Self.files(under: output)
        let checkedIn = try Self.files(under: Self.root.appendingPathComponent("Sources/AMQPWire/Methods"))
        #expect(generated.count > 40)
        #expect(Set(generated.keys) == Set(checkedIn.keys))
        for (path, bytes) in generated where checkedIn[path] != bytes {
            Issue.record("Sources/AMQPWire/Methods/\(path) differs from what the generator writes")
        }
    }
}
