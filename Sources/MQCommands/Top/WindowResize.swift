#if canImport(Glibc)
    import Glibc
#endif

/// SIGWINCH, caught (rather than ignored, its default) only so that it wakes `mq top`'s wait for
/// a key: the loop then asks the terminal its size again and redraws at once.
enum WindowResize {
    static func install() {
        signal(SIGWINCH) { _ in }
    }
}
