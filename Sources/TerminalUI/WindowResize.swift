#if canImport(Glibc)
    import Glibc
#endif

/// SIGWINCH, caught (rather than ignored, its default) only so that it wakes `mq top`'s wait for
/// a key: the loop then asks the terminal its size again and redraws at once.
public enum WindowResize {
    public static func install() {
        signal(SIGWINCH) { _ in }
        // A parent may have started mq with it blocked (as `Signals.install` says of SIGINT).
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGWINCH)
        sigprocmask(SIG_UNBLOCK, &set, nil)
    }
}
