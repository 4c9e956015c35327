import AMQP
import ArgumentParsing
import Transport

/// What the user's terminal gets: colour and live progress, only where they help.
enum Terminal {
    /// Whether to colour `stream`: `--color always|never`, else only a terminal without NO_COLOR.
    static func usesColor(_ stream: OutputStream, parsed: ParsedCommand, environment: Environment) -> Bool {
        switch parsed[GlobalOptions.color] {
        case .always: true
        case .never: false
        case .auto: stream.isTerminal && environment["NO_COLOR"].map(\.isEmpty) ?? true
        }
    }

    /// `text` in bold red when `color` is on.
    static func error(_ text: String, color: Bool) -> String { color ? "\u{1B}[1;31m\(text)\u{1B}[0m" : text }
}

/// A live message count and rate on stderr, redrawn at most four times a second; only on a
/// terminal unless `--progress` forces it (`--no-progress` hides it).
final class ProgressMeter {
    private let stream: OutputStream
    private let start = Deadline.now
    private var lastDraw = Deadline.now
    private var drawn = false
    private let verb: String

    /// Nil when progress is not to be shown. By default it shows when stderr is a terminal and,
    /// for a command that `writesMessages` to stdout, stdout is not (so it never garbles
    /// messages written to the same screen); never with --quiet.
    init?(_ invocation: Invocation, verb: String, writesMessages: Bool) {
        let automatic =
            invocation.stderr.isTerminal && !(writesMessages && invocation.stdout.isTerminal) && !invocation.quiet
        let wanted = invocation.parsed[GlobalOptions.progress] ?? automatic
        guard wanted else { return nil }
        stream = invocation.stderr
        self.verb = verb
    }

    /// Notes that `count` messages are done; redraws when due.
    func update(_ count: Int) {
        let now = Deadline.now
        guard now.seconds(since: lastDraw) >= 0.25 else { return }
        lastDraw = now
        draw(count, now: now)
    }

    /// Draws the final count and ends the line.
    func finish(_ count: Int) {
        guard drawn || count > 0 else { return }
        draw(count, now: .now)
        stream.write("\n")
        try? stream.flush()
    }

    private func draw(_ count: Int, now: Deadline) {
        let seconds = now.seconds(since: start)
        let rate = seconds > 0 ? Int(Double(count) / seconds) : 0
        stream.write("\r\u{1B}[Kmq: \(count) messages \(verb) (\(rate)/s)")
        try? stream.flush()
        drawn = true
    }
}
