#if canImport(Glibc)
    import Glibc
#endif

/// A thread of its own for one producer or consumer (each has its own connection).
struct BenchThread {
    private final class Body {
        let run: () -> Void
        init(_ run: @escaping () -> Void) { self.run = run }
    }

    private let thread: pthread_t

    /// Starts `body` on a new thread.
    init(_ body: @escaping @Sendable () -> Void) {
        var thread = pthread_t()
        let box = Unmanaged.passRetained(Body(body)).toOpaque()
        let created = pthread_create(
            &thread, nil,
            { argument in
                Unmanaged<Body>.fromOpaque(argument!).takeRetainedValue()
                    .run()
                return nil
            }, box)
        precondition(created == 0, "pthread_create failed: \(created)")
        self.thread = thread
    }

    /// Waits until the thread's body returned.
    func join() { pthread_join(thread, nil) }
}
