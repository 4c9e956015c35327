import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A detached tmux session whose one pane runs a shell command at a given size: the tests run mq
/// in a real terminal through it and read the screen back.
struct TmuxSession {
    static let executable = "/usr/bin/tmux"

    /// Whether tmux is installed (the suites that need it are skipped otherwise).
    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: executable) }

    /// The session's name, unique to the test run.
    let name: String

    /// Starts `command` (run by `bash -c`, which outlives a Ctrl-C that its foreground child handles) in a new session `width` columns by `height` rows, with
    /// the test broker's URL (and API URL, when the tests were given one) in MQ_URL and
    /// MQ_API_URL, and the mq binary in $MQ.
    init(width: Int, height: Int, command: String) throws {
        name = "mq-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        var environment = "MQ='\(MQProcess.binary)' MQ_URL='\(TestBroker.url)' "
        if TestBroker.apiURLGiven { environment += "MQ_API_URL='\(TestBroker.apiURL)' " }
        // The tmux server the first session starts must hold none of the test's descriptors (Foundation
        // hands a child more than its standard three, and ends what still holds them).
        let closeAndRun =
            #"for fd in /proc/$$/fd/*; do fd=${fd##*/}; [ "$fd" -gt 2 ] && eval "exec $fd>&-" 2>/dev/null; done; "#
            + #"exec /usr/bin/setsid /usr/bin/tmux new-session -d -s "$0" -x "$2" -y "$3" /bin/bash -c "$1" </dev/null >/dev/null 2>&1"#
        let started = try MQProcess.run(
            ["-c", closeAndRun, name, "export \(environment); \(command)", String(width), String(height)],
            environment: [:], timeout: 10, executable: "/bin/bash")
        try #require(started.status == 0, "tmux did not start: \(started.stderr)")
    }

    /// Runs tmux with `arguments`; its standard output.
    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        try MQProcess.run(arguments, environment: [:], timeout: 10, executable: Self.executable).stdout
    }

    /// The screen as text, one line per row (tmux drops the spaces at their ends).
    func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", name]) }

    /// Types `keys` as tmux names them (`q`, `Enter`, `Escape`, `C-c`, `Right`).
    func send(_ keys: String...) throws { try tmux(["send-keys", "-t", name] + keys) }

    /// Types `text` literally, character by character.
    func type(_ text: String) throws { try tmux(["send-keys", "-t", name, "-l", text]) }

    /// A value of the pane, by tmux format: `#{alternate_on}` is 1 on the alternate screen,
    /// `#{cursor_flag}` 1 when the cursor shows.
    func pane(_ format: String) throws -> String {
        try tmux(["display-message", "-p", "-t", name, format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Makes the window `width` by `height`: the program in it gets SIGWINCH.
    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", name, "-x", String(width), "-y", String(height)])
    }

    /// The screen once `condition` holds for it, polled until `seconds` pass; nil if it never does.
    func screen(within seconds: Double = 20, where condition: (String) -> Bool) throws -> String? {
        try eventually(within: seconds) { () -> String? in
            let text = try screen()
            return condition(text) ? text : nil
        }
    }

    /// Ends the session and what runs in it.
    func kill() { _ = try? tmux(["kill-session", "-t", name]) }
}
