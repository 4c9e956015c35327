import Foundation
import TestSupport
import Testing

/// mq in a real terminal: tmux runs it in a pane, and the test reads the screen.
@Suite(
    "In a terminal (tmux)", .needsBroker, .deletesFreshQueues,
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux"), "needs tmux"))
struct TerminalTests {
    /// Runs tmux with `arguments`; its standard output.
    @discardableResult
    private func tmux(_ arguments: String...) throws -> String {
        try MQProcess.run(Array(arguments), environment: [:], timeout: 10, executable: "/usr/bin/tmux").stdout
    }

    @Test("a long publish shows its progress on the terminal it shares with stdout, and ends the line")
    func publishProgress() throws {
        let queue = freshQueue("progress")
        try mq("declare", "queue", queue)
        let session = "mq-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        var command =
            "seq 1 3000 | MQ_URL='\(TestBroker.url)' '\(MQProcess.binary)' publish --queue '\(queue)' --lines --rate 1000/s; echo EXIT=$?; sleep 60"
        if TestBroker.apiURLGiven { command = "MQ_API_URL='\(TestBroker.apiURL)' " + command }
        // The tmux server the first session starts must hold none of the test's descriptors (Foundation
        // hands a child more than its standard three, and ends what still holds them).
        let closeAndRun =
            #"for fd in /proc/$$/fd/*; do fd=${fd##*/}; [ "$fd" -gt 2 ] && eval "exec $fd>&-" 2>/dev/null; done; "#
            + #"exec /usr/bin/setsid /usr/bin/tmux new-session -d -s "$0" -x 100 -y 10 sh -c "$1" </dev/null >/dev/null 2>&1"#
        let started = try MQProcess.run(
            ["-c", closeAndRun, session, command],
            environment: [:], timeout: 10, executable: "/bin/bash")
        try #require(started.status == 0)
        defer { _ = try? tmux("kill-session", "-t", session) }
        let during = try eventually(within: 10) { () -> String? in
            let screen = try tmux("capture-pane", "-p", "-t", session)
            return screen.contains("messages published") && !screen.contains("EXIT=") ? screen : nil
        }
        #expect(during != nil, "no progress while publishing")
        let after = try eventually(within: 20) { () -> String? in
            let screen = try tmux("capture-pane", "-p", "-t", session)
            return screen.contains("EXIT=") ? screen : nil
        }
        let screen = try #require(after, "publish did not finish")
        #expect(screen.contains("mq: 3000 messages published"), "\(screen)")
        #expect(screen.contains("EXIT=0"), "\(screen)")
    }
}
