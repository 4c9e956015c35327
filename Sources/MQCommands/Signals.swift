#if canImport(Glibc)
    import Glibc
#endif

/// SIGINT and SIGTERM, noted rather than obeyed at once, so a command can finish cleanly.
enum Signals {
    nonisolated(unsafe) private static var received: Int32 = 0

    /// Starts noting SIGINT and SIGTERM, and ignores SIGPIPE (a closed pipe becomes EPIPE).
    static func install() {
        signal(SIGPIPE, SIG_IGN)
        signal(SIGINT) { Signals.received = $0 }
        signal(SIGTERM) { Signals.received = $0 }
    }

    /// The signal received since `install`, if any.
    static var pending: Int32? { received == 0 ? nil : received }

    /// The exit status for a command stopped by `signal`.
    static func exitStatus(_ signal: Int32) -> ExitStatus { signal == SIGINT ? .interrupted : .terminated }
}
