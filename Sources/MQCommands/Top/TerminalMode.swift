#if canImport(Glibc)
    import Glibc
#endif

/// The terminal as `mq top` needs it: keys read one at a time without echo, on the alternate
/// screen with the cursor hidden; and put back as it was, once, however mq leaves.
///
/// Ctrl-C stays a signal (ISIG is kept), so it reaches `Signals` like any other SIGINT and mq
/// leaves by the same path. The saved state is kept in statics, so a path that has no handle on
/// the mode (an `atexit`) can restore it too: `restore` is idempotent and uses only `tcsetattr` and
/// `write`, both async-signal-safe.
enum TerminalMode {
    nonisolated(unsafe) private static var saved = termios()
    nonisolated(unsafe) private static var input: Int32 = -1
    nonisolated(unsafe) private static var output: Int32 = -1
    nonisolated(unsafe) private static var active = false
    nonisolated(unsafe) private static var exitHookInstalled = false

    /// What turns the full-screen view on: the alternate screen, the cursor hidden.
    static let enterSequence = "\u{1B}[?1049h\u{1B}[?25l\u{1B}[H\u{1B}[2J"
    /// What turns it off: attributes reset, the cursor shown, the main screen back.
    static let leaveSequence = "\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l"

    /// Whether the mode is on.
    static var isActive: Bool { active }

    /// Turns raw keys and the alternate screen on for `input` (a terminal) and `output`; a
    /// failure of `tcgetattr` leaves the terminal alone and says so.
    static func enter(input: Int32, output: Int32) throws(Failure) {
        guard !active else { return }
        var state = termios()
        guard tcgetattr(input, &state) == 0 else {
            throw Failure(.output("cannot set up the terminal: tcgetattr: \(String(cString: strerror(errno)))"))
        }
        saved = state
        Self.input = input
        Self.output = output
        state.c_lflag &= ~tcflag_t(ICANON | ECHO | IEXTEN)
        state.c_iflag &= ~tcflag_t(IXON | ICRNL)
        // c_cc is a tuple; VMIN and VTIME are set through a pointer to it.
        withUnsafeMutableBytes(of: &state.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        while tcsetattr(input, TCSANOW, &state) != 0 {
            guard errno == EINTR else { throw Failure(.output("cannot set up the terminal: tcsetattr: \(String(cString: strerror(errno)))")) }
        }
        active = true
        if !exitHookInstalled {
            exitHookInstalled = true
            atexit { TerminalMode.restore() }
        }
        write(enterSequence)
    }

    /// Puts the terminal back as `enter` found it; does nothing when the mode is off.
    static func restore() {
        guard active else { return }
        active = false
        write(leaveSequence)
        var state = saved
        while tcsetattr(input, TCSADRAIN, &state) != 0, errno == EINTR {}
    }

    private static func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { Glibc.write(output, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
    }

    /// The terminal's size in columns and rows, or nil when `descriptor` is not a terminal.
    static func size(of descriptor: Int32) -> (columns: Int, rows: Int)? {
        var size = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 else { return nil }
        return (Int(size.ws_col), Int(size.ws_row))
    }
}
