import ArgumentParsing
import ManagementAPI
import TerminalUI
import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// `mq top`: the queues and the broker's health, refreshed on a full screen; one snapshot for scripts.
enum Top {
    static let interval = Option<Double>.duration(
        "interval", short: "i", default: "2s", help: "refresh this often (at least 100ms)")
    static let sort = Option<TopColumn>.choice(
        "sort", valueName: "COLUMN", default: .name,
        help: "sort the queues by this column (< and > change it on the screen)")
    static let once = Option<Bool>.flag(
        "once", help: "print one snapshot (TSV, or --json) and exit, even on a terminal")

    /// The shortest `--interval`: each refresh is three API requests.
    static let minimumInterval = 0.1

    static let spec = Command(
        "top", summary: "Watch queues, rates and the broker's alarms on a full screen (management API)",
        discussion: """
            A full-screen view, refreshed every --interval, of each queue's ready and unacked \
            messages, consumers, publish and deliver rates, and a sparkline of its depth (ready \
            plus unacked) over the last samples; above them the broker's version, connections, \
            channels, and each node's memory and disk with their alarms. It reads /api/overview, \
            /api/queues and /api/nodes (the nodes need the monitoring tag; without it they are \
            left out).

            Keys: < and > (or the left and right arrows) move the sort column, r reverses it, / \
            types a filter (a wildcard pattern as for list --match; Enter applies it, Esc \
            cancels; Esc again clears it), q quits (exit 0); Ctrl-C exits 130, SIGTERM 143, the \
            terminal put back in every case. Columns give way on a narrow screen (vhost first, \
            then the sparkline, consumers, deliver and publish rates) and long names are cut short \
            with an ellipsis; a wider screen gives the names and the sparkline more room.

            When a refresh finds the API unreachable (or failing with a 5xx), the last screen \
            stays, its bottom line saying why, and every refresh tries again for --reconnect-for \
            (5m by default; 0 exits at once); past that, mq exits 69 with the error. Any other \
            error (refused credentials, a deleted vhost) ends it at once, and so does a failure \
            of the first snapshot.

            When stdout or stdin is not a terminal, or with --once or --json, mq prints one snapshot and \
            exits: tab-separated values with one header row (--no-headers drops it), or with \
            --json one object: {"broker": {...}, "queues": [...]}. The rates are the broker's \
            samples (publish_rate, deliver_rate: messages per second).
            """,
        options: [interval, ListingOptions.match, sort, ListingOptions.reverse, once, ListingOptions.headers],
        examples: [
            "mq top",
            "mq top --vhost orders --match 'orders.*' --sort ready --reverse",
            "mq top --once --json | jq '.queues[] | select(.ready > 1000) | .name'",
        ],
        action: CommandHandler(run))

    static func run(_ invocation: Invocation) throws(Failure) {
        let parsed = invocation.parsed
        let seconds = parsed[interval]
        guard seconds >= minimumInterval else {
            throw Failure(
                .usage(
                    .badValue(option: "interval", value: TopScreen.seconds(seconds), problem: "is shorter than 100ms")))
        }
        let controls = TopControls(
            sort: parsed[sort], reverse: parsed[ListingOptions.reverse], filter: parsed[ListingOptions.match])
        let source = TopSource(client: try invocation.managementAPI(), vhost: invocation.listedVhost)
        let first = try askingAPI { () throws(APIError) in try source.read() }
        let screen = invocation.stdout.isTerminal && invocation.input.isTerminal && !parsed[once] && !invocation.json
        guard screen, TerminalMode.size(of: invocation.stdout.descriptor) != nil else {
            var snapshot = first
            snapshot.queues = controls.arrange(first.queues)
            invocation.stdout.write(
                invocation.json
                    ? snapshot.json().serialized() + "\n"
                    : snapshot.tabSeparated(headers: parsed[ListingOptions.headers]))
            try invocation.stdout.flush()
            return
        }
        Signals.install()
        WindowResize.install()
        do {
            try TerminalMode.enter(input: invocation.input.descriptor, output: invocation.stdout.descriptor)
        } catch {
            throw Failure(.io(.cannotSetUpTerminal(error)))
        }
        defer { TerminalMode.restore() }
        let retrying = ReconnectPolicy(window: parsed[GlobalOptions.reconnectFor])
        try watch(source, first: first, controls: controls, interval: seconds, retrying: retrying, invocation)
    }

    /// The full-screen loop: draws, then waits for a key, a signal or the next refresh. A refresh
    /// that fails keeps the last snapshot on the screen for as long as `retrying` allows.
    private static func watch(
        _ source: TopSource, first: TopSnapshot, controls start: TopControls, interval: Double,
        retrying: ReconnectPolicy,
        _ invocation: Invocation
    ) throws(Failure) {
        let color = Terminal.usesColor(
            invocation.stdout, parsed: invocation.parsed, environment: invocation.environment)
        let input = invocation.input.descriptor
        var controls = start
        var outage = TopOutage(policy: retrying)
        var snapshot = first
        var history = DepthHistory()
        history.record(snapshot.queues)
        var clock = WallTime.now.timeOfDayInSeconds
        var pending: [UInt8] = []
        var nextRefresh = Deadline.after(seconds: interval)
        var lastSize = (columns: 0, rows: 0)
        while true {
            if let signal = Signals.pending { throw Failure(.signal(signal)) }
            let size = TerminalMode.size(of: invocation.stdout.descriptor) ?? (80, 24)
            // After a resize the terminal may have rewrapped the old frame: clear it first.
            if size != lastSize { invocation.stdout.write("\u{1B}[2J") }
            lastSize = size
            let view = TopScreen(width: size.columns, height: size.rows, color: color)
            let content = TopScreen.Content(
                snapshot: snapshot, queues: controls.arrange(snapshot.queues), history: history, controls: controls,
                interval: interval,
                clock: clock, unreachable: outage.failing?.reason)
            invocation.stdout.write(view.frame(content))
            try invocation.stdout.flush()
            if invocation.stdout.readerGone { return }
            switch waitForKey(input, until: nextRefresh) {
            case .key:
                guard let bytes = readKeys(input) else { return }
                pending += bytes
                for key in KeyPress.decode(&pending) {
                    switch controls.handle(key, visible: view.layout(content).shown) {
                    case .none, .redraw: continue
                    case .quit: return
                    case .interrupt: throw Failure(.signal(SIGINT))
                    }
                }
            case .woken:
                continue
            case .due:
                do throws(APIError) {
                    snapshot = try source.read()
                    outage.recovered()
                    history.record(snapshot.queues)
                    clock = WallTime.now.timeOfDayInSeconds
                } catch {
                    guard outage.failed(error, at: .now) == .retry else { throw Failure(error) }
                }
                nextRefresh = Deadline.after(seconds: interval)
            }
        }
    }

    /// What ended a wait.
    private enum Wake {
        /// A key (or the terminal's hang-up) is there to read.
        case key
        /// A signal: SIGINT, SIGTERM or SIGWINCH.
        case woken
        /// Time for the next refresh.
        case due
    }

    private static func waitForKey(_ input: Int32, until deadline: Deadline) -> Wake {
        let remaining = deadline.secondsRemaining
        guard remaining > 0 else { return .due }
        var entry = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
        let ready = poll(&entry, 1, Int32(min(remaining * 1000, 60_000).rounded(.up)))
        if ready > 0 { return .key }
        if ready < 0 { return .woken }
        return deadline.secondsRemaining > 0 ? .woken : .due
    }

    /// The bytes waiting on the terminal; nil when it hung up.
    private static func readKeys(_ input: Int32) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = try? syscall("read") {
            buffer.withUnsafeMutableBytes { Glibc.read(input, $0.baseAddress!, $0.count) }
        }
        guard let count, count > 0 else { return nil }
        return Array(buffer.prefix(count))
    }
}
