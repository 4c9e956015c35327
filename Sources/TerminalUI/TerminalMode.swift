import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// The terminal as `mq top` needs it: keys read one at a time without echo, on the alternate
/// screen with the cursor hidden; and put back as it was, once, however mq leaves.
///
/// Ctrl-C stays a signal (ISIG is kept), so it reaches `Signals` like any other SIGINT and mq
/// leaves by the same path; Ctrl-Z and Ctrl-\\ are turned off, since a stopped or dumped mq would
/// leave the terminal raw. The saved state is kept in statics, so paths with no handle on the mode
/// restore it too: an `atexit`, and handlers for SIGHUP and SIGQUIT sent from outside, which
/// restore then die of the signal as they would have. `restore` is idempotent, allocates nothing
/// and calls only `tcsetattr` and `write`, both async-signal-safe.
public enum TerminalMode {
    nonisolated(unsafe) private static var saved = termios()
    nonisolated(unsafe) private static var input: Int32 = -1
    nonisolated(unsafe) private static var output: Int32 = -1
    nonisolated(unsafe) private static var active = false
    nonisolated(unsafe) private static var exitHookInstalled = false
    /// `leaveSequence` as bytes, made before they are needed, so that `restore` allocates nothing.
    nonisolated(unsafe) private static var leaveBytes: [UInt8] = []

    /// What turns the full-screen view on: the alternate screen, the cursor hidden.
    public static let enterSequence = "\u{1B}[?1049h\u{1B}[?25l\u{1B}[H\u{1B}[2J"
    /// What turns it off: attributes reset, the cursor shown, the main screen back.
    public static let leaveSequence = "\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l"

    /// Whether the mode is on.
    public static var isActive: Bool { active }

    /// Turns raw keys and the alternate screen on for `input` (a terminal) and `output`; a
    /// failure of `tcgetattr` leaves the terminal alone and says so.
    public static func enter(input: Int32, output: Int32) throws(SystemError) {
        guard !active else { return }
        var state = termios()
        try syscall("tcgetattr") { tcgetattr(input, &state) }
        saved = state
        Self.input = input
        Self.output = output
        state.c_lflag &= ~tcflag_t(ICANON | ECHO | IEXTEN)
        state.c_iflag &= ~tcflag_t(IXON | ICRNL)
        // c_cc is a tuple; VMIN and VTIME are set through a pointer to it.
        withUnsafeMutableBytes(of: &state.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
            cc[Int(VSUSP)] = 0  // _POSIX_VDISABLE
            cc[Int(VQUIT)] = 0
        }
        leaveBytes = Array(leaveSequence.utf8)
        try syscall("tcsetattr") { tcsetattr(input, TCSANOW, &state) }
        active = true
        if !exitHookInstalled {
            exitHookInstalled = true
            atexit { TerminalMode.restore() }
            for fatal in [SIGHUP, SIGQUIT] {
                signal(fatal) { number in
                    TerminalMode.restore()
                    signal(number, SIG_DFL)
                    raise(number)
                }
            }
            // As `Signals.install` does for SIGINT and SIGTERM: a parent may have started mq with them blocked.
            var set = sigset_t()
            sigemptyset(&set)
            for number in [SIGHUP, SIGQUIT] { sigaddset(&set, number) }
            sigprocmask(SIG_UNBLOCK, &set, nil)
        }
        let entering = Array(enterSequence.utf8)
        write(entering)
    }

    /// Puts the terminal back as `enter` found it; does nothing when the mode is off.
    public static func restore() {
        guard active else { return }
        active = false
        write(leaveBytes)
        var state = saved
        _ = try? syscall("tcsetattr") { tcsetattr(input, TCSADRAIN, &state) }
    }

    private static func write(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let start = offset
            let written = try? syscall("write") {
                bytes.withUnsafeBytes { Glibc.write(output, $0.baseAddress! + start, $0.count - start) }
            }
            guard let written, written > 0 else { return }
            offset += written
        }
    }

    /// The terminal's size in columns and rows, or nil when `descriptor` is not a terminal.
    public static func size(of descriptor: Int32) -> (columns: Int, rows: Int)? {
        var size = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 else { return nil }
        return (Int(size.ws_col), Int(size.ws_row))
    }
}
