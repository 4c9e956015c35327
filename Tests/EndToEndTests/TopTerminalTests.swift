import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `mq top` on a real terminal: tmux runs it against the test broker, the test reads the screen.
@Suite(
    "mq top in a terminal (tmux)", .needsBroker, .enabled(if: TmuxSession.isAvailable, "needs tmux"),
    .timeLimit(.minutes(5)))
struct TopTerminalTests {
    static let longName = "charlie-with-a-name-too-long-for-eighty-columns"

    /// What runs in the pane: `mq top` in `vhost` (its PID in `pidFile`), then its exit status,
    /// whether the terminal is back in canonical mode with echo, and an interactive shell.
    static func command(_ vhost: String, pidFile: String, interval: String = "300ms", extra: String = "") -> String {
        #"sh -c 'echo $$ > "$0"; exec "$MQ" top --vhost "$1" --interval \#(interval) \#(extra)' '\#(pidFile)' '\#(vhost)'; "#
            + #"echo EXIT=$?; stty -a | tr ' ;' '\n\n' | grep -x -e '-\?icanon' -e '-\?echo' | tr '\n' ' '; echo; "#
            + #"PS1='prompt$ ' exec bash --norc --noprofile -i"#
    }

    /// A vhost of the test's own with queues alpha (fed by a publisher the caller stops), bravo
    /// (5 messages) and one with a long name (empty).
    private func vhostWithQueues() throws -> (vhost: String, publisher: MQProcess) {
        let vhost = try scratchVhost("top-tty")
        for queue in ["alpha", "bravo", Self.longName] {
            try #require(try mq("declare", "queue", queue, "--vhost", vhost).status == 0)
        }
        try #require(
            try mq("publish", "--vhost", vhost, "--queue", "bravo", "--lines", stdin: "1\n2\n3\n4\n5\n").status == 0)
        // mq itself, not a shell pipeline, so that killing it leaves nothing publishing.
        let lines = (1...5000).map { "\($0)\n" }.joined()
        let publisher = try MQProcess(
            ["publish", "--vhost", vhost, "--queue", "alpha", "--lines", "--rate", "20/s"], stdin: Array(lines.utf8))
        return (vhost, publisher)
    }

    /// Runs `body` with `mq top` on a `width` by `height` screen, in a vhost from `vhostWithQueues`;
    /// the session, the publisher and the vhost are gone afterwards.
    private func watching(
        width: Int, height: Int, interval: String = "300ms", _ body: (TmuxSession, String) throws -> Void
    ) throws {
        let (vhost, publisher) = try vhostWithQueues()
        defer {
            publisher.kill()
            deleteVhost(vhost)
        }
        let session = try TmuxSession(
            width: width, height: height, command: Self.command(vhost, pidFile: pidFile(), interval: interval))
        defer { session.kill() }
        try body(session, vhost)
    }

    private func pidFile() -> String {
        NSTemporaryDirectory() + "mq-top-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).pid"
    }

    /// The ready count the screen shows for `queue` (the first number after its name).
    private func ready(_ queue: String, on screen: String) -> Int? {
        let line = screen.split(separator: "\n").first { $0.hasPrefix(queue + " ") }
        return line.flatMap { $0.split(separator: " ").dropFirst().first }.flatMap { Int($0) }
    }

    /// The queue names in the table, top to bottom.
    private func order(_ screen: String) -> [String] {
        screen.split(separator: "\n").compactMap { line in
            ["alpha", "bravo", "charlie"].first { line.hasPrefix($0) }
        }
    }

    /// The screen once the program has left: its status line, the shell's prompt.
    private func leaving(_ session: TmuxSession) throws -> String? {
        try session.screen(within: 20) { $0.contains("EXIT=") && $0.contains("prompt$") }
    }

    /// Expects the terminal as the shell had it: main screen, cursor shown, canonical mode with echo.
    private func expectRestored(_ session: TmuxSession, _ screen: String, status: Int) throws {
        #expect(screen.contains("EXIT=\(status)"), "\(screen)")
        #expect(screen.contains("icanon echo"), "termios not restored: \(screen)")
        #expect(try session.pane("#{alternate_on}") == "0", "still on the alternate screen")
        #expect(try session.pane("#{cursor_flag}") == "1", "the cursor is hidden")
    }

    @Test(
        "at 80x24 with a publisher: the queues, rising counts, a sort key, the / filter, and a clean terminal after q")
    func eightyColumns() throws {
        try watching(width: 80, height: 24) { session, vhost in
            let first = try session.screen { $0.contains("alpha") && $0.contains("bravo") && $0.contains("charlie") }
            let screen = try #require(first, "no queues on the screen: \((try? session.screen()) ?? "")")
            #expect(screen.contains("mq top · RabbitMQ \(TestBroker.isRabbitMQ4 ? "4." : "3.")"))
            #expect(screen.contains("connections "))
            #expect(screen.contains("no alarms"))
            let cut = screen.split(separator: "\n").first { $0.hasPrefix("charlie-with-a-") }
            #expect(
                cut?.contains("… ") == true && !screen.contains(Self.longName), "a long name is cut with …: \(screen)")
            #expect(!screen.contains("vhost"), "the vhost column gives way at 80 columns")
            #expect(screen.split(separator: "\n").allSatisfy { $0.count <= 80 })
            #expect(order(screen) == ["alpha", "bravo", "charlie"], "sorted by name: \(screen)")
            try #require(try pane(session) == "1", "not on the alternate screen")

            let low = try session.screen(within: 30) { (ready("alpha", on: $0) ?? 0) > 0 }
            let lowCount = try #require(
                low.flatMap { ready("alpha", on: $0) }, "alpha's count never rose: \((try? session.screen()) ?? "")")
            // Above bravo's 5 too, so that sorting by ready puts alpha last.
            let high = try session.screen(within: 30) { (ready("alpha", on: $0) ?? 0) > max(lowCount, 5) }
            #expect(high != nil, "alpha's count stayed at \(lowCount)")

            try session.send(">")
            let byReady = try session.screen(within: 10) { $0.contains("ready▲") }
            #expect(byReady.map(order) == ["charlie", "bravo", "alpha"], "\(byReady ?? "")")
            try session.send("r")
            let reversed = try session.screen(within: 10) { $0.contains("ready▼") }
            #expect(reversed.map(order) == ["alpha", "bravo", "charlie"], "\(reversed ?? "")")

            try session.send("/")
            try session.type("br*")
            #expect(
                try session.screen(within: 10) { $0.contains("filter (glob, Enter applies, Esc cancels): br*") } != nil)
            try session.send("Enter")
            let filtered = try session.screen(within: 10) { $0.contains("filter 'br*'") }
            #expect(filtered.map(order) == ["bravo"], "\(filtered ?? "")")
            try session.send("Escape")
            #expect(try session.screen(within: 10) { order($0).count == 3 } != nil, "Esc clears the filter")

            try session.send("q")
            let after = try #require(
                try leaving(session), "mq top did not leave on q: \((try? session.screen()) ?? "")")
            try expectRestored(session, after, status: 0)
            #expect(!after.contains("alpha"), "the table stayed on the main screen: \(after)")
        }
    }

    @Test("at 200x50 every column shows, the names whole, and the sparkline draws")
    func wide() throws {
        try watching(width: 200, height: 50) { session, vhost in
            let wide = try session.screen { $0.contains(Self.longName) }
            let screen = try #require(wide, "no whole long name at 200 columns: \((try? session.screen()) ?? "")")
            let header = try #require(screen.split(separator: "\n").first { $0.hasPrefix("name") })
            for title in ["vhost", "ready", "unacked", "consumers", "publish/s", "deliver/s", "depth"] {
                #expect(header.contains(title), "\(header)")
            }
            #expect(screen.contains(" \(vhost.prefix(20))"), "the vhost column, cut at its widest")
            let sparkline = try session.screen(within: 30) { screen in
                screen.split(separator: "\n").first { $0.hasPrefix("alpha") }.map {
                    $0.filter { "▁▂▃▄▅▆▇█".contains($0) }.count >= 3
                } ?? false
            }
            #expect(sparkline != nil, "no sparkline of alpha's depth")

            try session.send("q")
            let after = try #require(try leaving(session))
            try expectRestored(session, after, status: 0)
        }
    }

    @Test("a resize redraws at once (SIGWINCH, with no refresh due): wider shows the vhost column, narrower drops it")
    func resized() throws {
        try watching(width: 80, height: 24, interval: "1h") { session, _ in
            func header(_ screen: String) -> Substring? { screen.split(separator: "\n").first { $0.hasPrefix("name") } }
            let narrow = try session.screen { header($0).map { !$0.contains("vhost") } ?? false }
            #expect(narrow != nil, "\((try? session.screen()) ?? "")")
            try session.resize(width: 200, height: 50)
            let wide = try session.screen(within: 10) { header($0)?.contains("vhost") ?? false }
            #expect(
                wide?.contains(Self.longName) == true,
                "the layout did not follow the resize: \((try? session.screen()) ?? "")")
            try session.resize(width: 80, height: 24)
            let back = try session.screen(within: 10) { header($0).map { !$0.contains("vhost") } ?? false }
            #expect(back?.contains(Self.longName) == false, "\((try? session.screen()) ?? "")")
            try session.send("q")
            let after = try #require(try leaving(session))
            try expectRestored(session, after, status: 0)
        }
    }

    @Test(
        "Ctrl-C exits 130, SIGTERM 143; SIGHUP and SIGQUIT kill it as they would (129, 131); the terminal restored each time",
        arguments: ["C-c", "TERM", "HUP", "QUIT"])
    func signals(how: String) throws {
        let vhost = try scratchVhost("top-sig")
        defer { deleteVhost(vhost) }
        let pids = pidFile()
        defer { unlink(pids) }
        let session = try TmuxSession(width: 80, height: 24, command: Self.command(vhost, pidFile: pids))
        defer { session.kill() }
        #expect(try session.screen { $0.contains("mq top · RabbitMQ") } != nil, "\((try? session.screen()) ?? "")")
        let signals = ["TERM": (SIGTERM, 143), "HUP": (SIGHUP, 129), "QUIT": (SIGQUIT, 131)]
        if let (number, _) = signals[how] {
            let text = try String(contentsOfFile: pids, encoding: .utf8)
            let pid = try #require(pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)))
            #expect(Glibc.kill(pid, number) == 0)
        } else {
            try session.send("C-c")
        }
        let after = try #require(try leaving(session), "mq top did not stop: \((try? session.screen()) ?? "")")
        try expectRestored(session, after, status: signals[how]?.1 ?? 130)
    }

    @Test("--json on a terminal prints one snapshot and exits 0, leaving the screen alone")
    func jsonOnTerminal() throws {
        let vhost = try scratchVhost("top-json")
        defer { deleteVhost(vhost) }
        let session = try TmuxSession(
            width: 200, height: 24, command: Self.command(vhost, pidFile: pidFile(), extra: "--json"))
        defer { session.kill() }
        let after = try #require(try leaving(session), "\((try? session.screen()) ?? "")")
        let joined = after.split(separator: "\n").joined()  // the object wraps at the screen's edge
        #expect(joined.contains(#"{"broker":{"version":"#), "\(after)")
        #expect(joined.contains(#""queues":[]}EXIT=0"#), "\(after)")
        try expectRestored(session, after, status: 0)
    }

    @Test("the API cut mid-run: the last screen stays, saying it retries, until the API answers again")
    func apiCut() throws {
        let vhost = try scratchVhost("top-cut")
        defer { deleteVhost(vhost) }
        try #require(try mq("declare", "queue", "alpha", "--vhost", vhost).status == 0)
        let proxy = try FaultProxy(targetPort: TestBroker.apiPort)
        defer { proxy.stop() }
        let session = try TmuxSession(
            width: 100, height: 24,
            command: Self.command(vhost, pidFile: pidFile(), extra: "--api-url http://127.0.0.1:\(proxy.port)"))
        defer { session.kill() }
        #expect(try session.screen { $0.contains("alpha") } != nil, "\((try? session.screen()) ?? "")")

        proxy.mode = .cut
        let cut = try session.screen { $0.contains("API unreachable (") }
        let screen = try #require(cut, "no retrying status: \((try? session.screen()) ?? "")")
        let status = screen.split(separator: "\n").last { $0.hasPrefix("API unreachable (") }
        #expect(status?.contains("), retrying") == true, "\(screen)")
        #expect(screen.contains("mq top · RabbitMQ") && screen.contains("alpha"), "the last screen stays: \(screen)")
        #expect(!screen.contains("EXIT="))
        #expect(try pane(session) == "1", "mq top left the screen")

        proxy.mode = .pass
        let back = try session.screen { !$0.contains("API unreachable") && $0.contains("q quit") }
        #expect(
            back?.contains("alpha") == true,
            "the status stayed after the API came back: \((try? session.screen()) ?? "")")
        try session.send("q")
        let after = try #require(try leaving(session), "mq top did not leave on q: \((try? session.screen()) ?? "")")
        try expectRestored(session, after, status: 0)
    }

    @Test(
        "the API gone for longer than --reconnect-for: the status shows, then the terminal restored, one line and exit 69"
    )
    func apiLost() throws {
        let vhost = try scratchVhost("top-lost")
        defer { deleteVhost(vhost) }
        let proxy = try FaultProxy(targetPort: TestBroker.apiPort)
        defer { proxy.stop() }
        let session = try TmuxSession(
            width: 80, height: 24,
            command: Self.command(
                vhost, pidFile: pidFile(), extra: "--api-url http://127.0.0.1:\(proxy.port) --reconnect-for 2s"))
        defer { session.kill() }
        #expect(try session.screen { $0.contains("mq top · RabbitMQ") } != nil, "\((try? session.screen()) ?? "")")
        proxy.stop()
        #expect(
            try session.screen { $0.contains("API unreachable (") } != nil,
            "no retrying status: \((try? session.screen()) ?? "")")
        let after = try #require(try leaving(session), "mq top did not stop: \((try? session.screen()) ?? "")")
        try expectRestored(session, after, status: 69)
        let lines = after.split(separator: "\n").filter { $0.hasPrefix("mq: ") }
        #expect(lines.count == 1, "\(after)")
        #expect(
            lines.first?.hasPrefix("mq: cannot reach the management API at http://127.0.0.1:\(proxy.port)") == true,
            "\(after)")
    }

    private func pane(_ session: TmuxSession) throws -> String { try session.pane("#{alternate_on}") }
}
