import ManagementAPI
import Transport

/// `mq top` riding out a management API that stops answering: a refresh that fails in a way
/// another try may get past keeps the last screen, with a status saying why, for up to
/// `--reconnect-for` after the first of the failures in a row. No clock of its own: the loop
/// passes the time.
struct TopOutage: Equatable {
    /// What the loop does after a failed refresh.
    enum Action: Hashable {
        /// Keep the last screen, show the status, and try again at the next refresh.
        case retry
        /// Leave with the error, as without a window.
        case exit
    }

    /// The failures in a row so far: when the first happened, and why the last did.
    struct Failing: Equatable {
        let since: Deadline
        /// The cause, shortened for the status line.
        var reason: String
    }

    /// How long refreshes are retried after the first failure in a row.
    let policy: ReconnectPolicy
    /// Nil while refreshes succeed.
    private(set) var failing: Failing?

    init(policy: ReconnectPolicy) { self.policy = policy }

    /// A refresh failed with `error` at `now`. Retried when another try may get past it (the API
    /// unreachable or failing with a 5xx: exit status 69) and the window, counted from the first
    /// of the failures in a row, has not passed; anything else (refused credentials, a missing
    /// vhost) exits at once.
    mutating func failed(_ error: APIError, at now: Deadline) -> Action {
        guard ExitStatus.of(error) == .unavailable else { return .exit }
        let since = failing?.since ?? now
        guard policy.allowsRound(after: now.seconds(since: since)) else { return .exit }
        failing = Failing(since: since, reason: Self.reason(error))
        return .retry
    }

    /// A refresh succeeded: the status goes away, and the next failure starts a new window.
    mutating func recovered() { failing = nil }

    /// The cause of `error` without the URL and the advice its one-line message carries:
    /// `cannot connect to localhost:15672: Connection refused`.
    static func reason(_ error: APIError) -> String {
        if case .unreachable(_, let cause) = error { return "\(cause)" }
        return "\(error)"
    }
}
