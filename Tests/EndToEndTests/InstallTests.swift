import Foundation
import TestSupport
import Testing

@Suite("make install and make uninstall", .timeLimit(.minutes(5)))
struct InstallTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let installed = [
        "usr/bin/mq", "usr/share/man/man1/mq.1", "usr/share/bash-completion/completions/mq",
        "usr/share/zsh/site-functions/_mq", "usr/share/fish/vendor_completions.d/mq.fish",
    ]

    private func make(_ arguments: [String]) throws -> Int32 {
        try MQProcess.run(
            ["make", "-s", "-C", Self.repository.path] + arguments, timeout: 300, executable: "/usr/bin/env"
        ).status
    }

    @Test("install puts the binary, man page and completions under DESTDIR/PREFIX; uninstall removes exactly those")
    func installTree() throws {
        let destination = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mq-install-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: destination) }
        // MQ_BIN installs the binary the tests built, instead of building a release one here.
        let common = ["DESTDIR=\(destination.path)", "PREFIX=/usr", "MQ_BIN=\(MQProcess.binary)"]
        #expect(try make(["install"] + common) == 0)
        for path in Self.installed {
            #expect(FileManager.default.fileExists(atPath: destination.appendingPathComponent(path).path), "\(path)")
        }
        let binary = destination.appendingPathComponent("usr/bin/mq").path
        #expect(FileManager.default.isExecutableFile(atPath: binary))
        #expect(try MQProcess.run(["--version"], executable: binary).stdout.hasPrefix("mq "))
        let keep = destination.appendingPathComponent("usr/share/man/man1/other.1")
        try Data("other".utf8).write(to: keep)
        #expect(try make(["uninstall"] + common) == 0)
        for path in Self.installed {
            #expect(!FileManager.default.fileExists(atPath: destination.appendingPathComponent(path).path), "\(path)")
        }
        #expect(FileManager.default.fileExists(atPath: keep.path), "uninstall removes only mq's files")
    }
}
