#if canImport(Glibc)
    import Glibc
#endif

/// SIGINT and SIGTERM, noted rather than obeyed at once, so a command can finish cleanly.
enum Signals {
    nonisolated(unsafe) private static var received: Int32 = 0

    /// Starts noting SIGINT and SIGTERM.
    ///
    /// The two are also unblocked: a parent may start mq with them blocked (some process
    /// launchers pass on their threads' signal masks), and mq must still stop when asked.
    static func install() {
        signal(SIGINT) { Signals.received = $0 }
        signal(SIGTERM) { Signals.received = $0 }
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        sigprocmask(SIG_UNBLOCK, &set, nil)
    }

    /// The signal received since `install`, if any.
    static var pending: Int32? { received == 0 ? nil : received }

    /// The exit status for a command stopped by `signal`.
    static func exitStatus(_ signal: Int32) -> ExitStatus { signal == SIGINT ? .interrupted : .terminated }
}
