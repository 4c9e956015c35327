#if canImport(Glibc)
    import Glibc
#endif

/// The two clocks a load test reads: the wall clock for the stamp in each message (a consumer in
/// another process, or on another host with `--use-millis`, reads the same clock), and the
/// monotonic one for confirm latency, which never leaves the producer.
enum BenchClock {
    /// Nanoseconds since 1970.
    static var wallNanoseconds: Int64 { read(CLOCK_REALTIME) }

    /// Nanoseconds on a clock that never goes back.
    static var monotonicNanoseconds: Int64 { read(CLOCK_MONOTONIC) }

    private static func read(_ clock: clockid_t) -> Int64 {
        var spec = timespec()
        clock_gettime(clock, &spec)
        return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
    }
}
