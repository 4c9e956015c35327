/// What `mq trace` found of a vhost's tracing when it started, and so whether it turns tracing
/// off when it stops.
///
/// The firehose costs the broker throughput, so tracing must not outlive the traces that need
/// it; but it must not be turned off under someone else who is tracing. The last trace out
/// turns it off: any trace that turned it on, found it on with only other `mq trace` queues
/// bound, or found it on with nothing bound at all (left by an `mq trace` that was killed).
enum TracingClaim: Equatable {
    /// Tracing was off: this trace turned it on.
    case turnedOn
    /// Tracing was on, with only other `mq trace` queues bound to the trace exchange.
    case sharedWithTraces
    /// Tracing was on with nothing bound to the trace exchange.
    case leftOn
    /// Tracing was on with these queues of someone else's bound to the trace exchange.
    case others([String])

    /// The claim for tracing that `wasOn`, with `tracers` (not this trace's own queue) bound.
    init(wasOn: Bool, tracers: [String]) {
        if !wasOn {
            self = .turnedOn
        } else if tracers.isEmpty {
            self = .leftOn
        } else if tracers.allSatisfy({ $0.hasPrefix(VhostTracing.queuePrefix) }) {
            self = .sharedWithTraces
        } else {
            self = .others(tracers)
        }
    }

    /// Whether this trace is to turn tracing off when it stops, if nobody else traces by then.
    var ownsTracing: Bool {
        switch self {
        case .turnedOn, .sharedWithTraces, .leftOn: true
        case .others: false
        }
    }

    /// Whether to turn tracing off at the end, with `tracers` (not this trace's queue) still bound.
    func turnsOff(leaving tracers: [String]) -> Bool { ownsTracing && tracers.isEmpty }

    /// What to say on stderr when the trace starts in `vhost`, if anything.
    func note(vhost: String) -> String? {
        switch self {
        case .turnedOn:
            "tracing turned on for vhost '\(vhost)' (the firehose costs the broker throughput); mq turns it off when "
                + "it stops"
        case .sharedWithTraces:
            nil
        case .leftOn:
            "tracing was on for vhost '\(vhost)' with nothing tracing (left on by an mq trace that was killed?); mq "
                + "turns it off when it stops"
        case .others(let queues):
            "tracing is already on for vhost '\(vhost)' for \(queues.count == 1 ? "queue" : "queues") \(queues.map { "'\($0)'" }.joined(separator: ", ")); mq leaves it on"
        }
    }
}
