import Foundation
import TestSupport
import Testing

@testable import MQCommands

/// The checked-in completions and man page must be exactly what the code generates, and valid
/// for the tools that read them. Regenerate with `make generated`.
@Suite("Generated completions and man page", .timeLimit(.minutes(5)))
struct GeneratedFilesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    static func checkedIn(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    static func tool(_ name: String) -> String? {
        ["/usr/bin/\(name)", "/bin/\(name)", "/usr/local/bin/\(name)"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    /// Runs `tool arguments... file` on `text` written to a temporary file; returns status and stderr.
    static func check(_ tool: String, _ arguments: [String], _ text: String) throws -> (Int32, String) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mq-generated-\(UUID().uuidString)")
        try Data(text.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try MQProcess.run(arguments + [file.path], executable: tool)
        return (result.status, result.stderr)
    }

    @Test(
        "completions/ holds what `mq completions` prints",
        arguments: [
            ("bash", "completions/mq.bash"), ("zsh", "completions/_mq"), ("fish", "completions/mq.fish"),
        ])
    func completionsMatch(shell: String, path: String) throws {
        #expect(try Self.checkedIn(path) == Completions.script(for: shell), "run `make generated`")
    }

    @Test("man/mq.1 holds what `mq man` prints")
    func manPageMatches() throws {
        #expect(try Self.checkedIn("man/mq.1") == ManualPage.text, "run `make generated`")
    }

    @Test("bash -n accepts the bash completions", .enabled(if: tool("bash") != nil))
    func bashSyntax() throws {
        let (status, errors) = try Self.check(Self.tool("bash")!, ["-n"], Completions.script(for: "bash"))
        #expect(status == 0, "\(errors)")
    }

    @Test("zsh -n accepts the zsh completions", .enabled(if: tool("zsh") != nil))
    func zshSyntax() throws {
        let (status, errors) = try Self.check(Self.tool("zsh")!, ["-n"], Completions.script(for: "zsh"))
        #expect(status == 0, "\(errors)")
    }

    @Test("fish --no-execute accepts the fish completions", .enabled(if: tool("fish") != nil))
    func fishSyntax() throws {
        let (status, errors) = try Self.check(Self.tool("fish")!, ["--no-execute"], Completions.script(for: "fish"))
        #expect(status == 0, "\(errors)")
    }

    @Test("groff reports no warnings on the man page", .enabled(if: tool("groff") != nil))
    func manPageLint() throws {
        let (status, errors) = try Self.check(Self.tool("groff")!, ["-man", "-ww", "-z"], ManualPage.text)
        #expect(status == 0)
        #expect(errors.isEmpty, "\(errors)")
    }

    @Test("the man page has every section and every command")
    func manPageSections() {
        let page = ManualPage.text
        for section in [
            "NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "OPTIONS", "ENVIRONMENT", "FILES", "EXIT STATUS", "EXAMPLES",
            "SEE ALSO",
        ] {
            #expect(page.contains(".SH \(section)\n"), "\(section)")
        }
        for command in CommandTree.root.subcommands where command.name != "help" {
            #expect(page.contains(".SS \"mq \(command.name)"), "\(command.name)")
        }
        for status in ExitStatus.allCases { #expect(page.contains("\n\(status.rawValue)\t"), "\(status)") }
    }
}
