import Foundation
import TestSupport
import Testing

/// mq in a real terminal: tmux runs it in a pane, and the test reads the screen.
@Suite(
    "In a terminal (tmux)", .needsBroker, .deletesFreshQueues, .enabled(if: TmuxSession.isAvailable, "needs tmux"),
    .timeLimit(.minutes(5)))
struct TerminalTests {
    @Test("a long publish shows its progress on the terminal it shares with stdout, and ends the line")
    func publishProgress() throws {
        let queue = freshQueue("progress")
        try mq("declare", "queue", queue)
        let session = try TmuxSession(
            width: 100, height: 10,
            command: #"seq 1 3000 | "$MQ" publish --queue '\#(queue)' --lines --rate 1000/s; echo EXIT=$?; sleep 60"#)
        defer { session.kill() }
        let during = try session.screen(within: 10) { $0.contains("messages published") && !$0.contains("EXIT=") }
        #expect(during != nil, "no progress while publishing")
        let after = try session.screen(within: 20) { $0.contains("EXIT=") }
        let screen = try #require(after, "publish did not finish")
        #expect(screen.contains("mq: 3000 messages published"), "\(screen)")
        #expect(screen.contains("EXIT=0"), "\(screen)")
    }
}
