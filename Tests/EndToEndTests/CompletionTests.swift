import Foundation
import TestSupport
import Testing

@Suite("Bash completion, driven as bash would", .needsBroker, .deletesFreshQueues, .timeLimit(.minutes(5)))
struct CompletionTests {
    /// The candidates bash would offer for `words`, the last being the word under the cursor.
    private func candidates(_ words: [String]) throws -> [String] {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("completions/mq.bash").path
        let quoted = words.map { "'\($0)'" }.joined(separator: " ")
        let path =
            URL(fileURLWithPath: MQProcess.binary).deletingLastPathComponent().path + ":"
            + (ProcessInfo.processInfo.environment["PATH"] ?? "")
        let result = try MQProcess.run(
            [
                "-c",
                "source '\(script)'; COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1); _mq; printf '%s\\n' "
                    + "\"${COMPREPLY[@]}\"",
            ],
            environment: ["PATH": path], executable: "/bin/bash")
        return result.stdout.split(separator: "\n").map(String.init)
    }

    @Test("commands, kinds, options and enumerated values complete")
    func staticCandidates() throws {
        #expect(try candidates(["mq", "pub"]) == ["publish"])
        #expect(try candidates(["mq", "declare", "queue", "q", "--type", ""]) == ["classic", "quorum", "stream"])
        #expect(try candidates(["mq", "--url", "u", "consume", "q", "--form"]) == ["--format"])
        #expect(try candidates(["mq", "get", "q", "--format", "j"]) == ["json"])
        #expect(try candidates(["mq", "declare", "exchange", "x", "--no-dur"]) == ["--no-durable"])
    }

    @Test("a file option completes paths")
    func files() throws {
        #expect(try candidates(["mq", "publish", "--file", "/etc/hostnam"]) == ["/etc/hostname"])
    }
}
