import AMQP

/// When and how often mq tries to get back to the broker after a connection it had is lost: for
/// up to `window` seconds, the first try at once, then after delays that double (with jitter) up
/// to `longestDelay`. No I/O and no clock of its own: the link asks it, with the time passed.
struct ReconnectPolicy: Equatable {
    /// The default window of the verbs that run until stopped: five minutes.
    static let defaultWindow = 300.0
    /// The first delay between two rounds of tries, in seconds.
    static let firstDelay = 0.1
    /// The longest delay between two rounds of tries, in seconds.
    static let longestDelay = 3.0

    /// How long after the loss mq keeps trying, in seconds; 0 turns reconnecting off.
    let window: Double

    /// Whether a lost connection is tried again at all.
    var enabled: Bool { window > 0 }

    /// How long to wait before round `round` of tries (0 for the first, which goes at once),
    /// with `jitter` in 0...1 spreading the wait between half and all of the doubled delay, so
    /// that many clients cut off together do not come back in step.
    static func delay(beforeRound round: Int, jitter: Double) -> Double {
        guard round > 0 else { return 0 }
        let doubled = firstDelay * Double(1 << min(round - 1, 16))
        let capped = min(doubled, longestDelay)
        return capped * (0.5 + 0.5 * min(max(jitter, 0), 1))
    }

    /// Whether another round may start `elapsed` seconds after the loss.
    func allowsRound(after elapsed: Double) -> Bool { enabled && elapsed < window }

    /// The order to try `candidates` in after losing the one at `lost`: the others first, in
    /// their order from the one after it, and the lost one last (in a cluster, mq moves to a
    /// surviving node at once).
    static func order<T>(_ candidates: [T], lost: Int) -> [T] {
        guard candidates.count > 1, candidates.indices.contains(lost) else { return candidates }
        return Array(candidates[(lost + 1)...] + candidates[..<lost]) + [candidates[lost]]
    }

    /// `window` as the notes say it: `5m`, `90s`, `1h`, `365d` (from 100 days on, in days, and
    /// never more than a trillion of them: any window may be asked for).
    var windowText: String {
        if window >= 8_640_000 { return "\(Int(min(window / 86_400, 1e12).rounded()))d" }
        let seconds = Int(window.rounded())
        if seconds >= 3600, seconds % 3600 == 0 { return "\(seconds / 3600)h" }
        if seconds >= 60, seconds % 60 == 0 { return "\(seconds / 60)m" }
        if window < 1 { return "\(Int((window * 1000).rounded()))ms" }
        return "\(seconds)s"
    }
}

extension AMQPError {
    /// True when this error ends a connection in a way that another connection may get past: the
    /// broker went away (a socket error, EOF, a heartbeat timeout, a refused or timed-out connect)
    /// or closed the connection because its node is shutting down or entering maintenance.
    ///
    /// Never for what another try would meet again: refused credentials or vhost, a missing
    /// queue, a failed precondition, a protocol error, or a connection an operator closed (the
    /// management UI, `mq close connection`, `rabbitmqctl close_connection`).
    ///
    /// Two refusals are a node that is down rather than a refusal: a durable classic queue whose
    /// home node is the one that went away (404 `... is down or inaccessible`, from the node mq
    /// moved to), and a broker that drops the connection during authentication (RabbitMQ refuses
    /// a login with 403, since mq asks for `authentication_failure_close`).
    var isRecoverableLoss: Bool {
        switch self {
        case .transport(.tlsConfiguration): false
        case .transport, .connectionLost, .heartbeatTimeout, .accessRefused(_, .closedDuringAuthentication): true
        case .connectionClosed(let reason):
            reason.replyCode == .connectionForced
                && (reason.replyText.contains("reason 'shutdown'") || reason.replyText.contains("maintenance"))
        case .channelClosed(let reason, _):
            reason.replyCode == .notFound && reason.replyText.contains("is down or inaccessible")
        case .unsupportedProtocol, .accessRefused, .vhostRefused, .protocolViolation, .timedOut, .closed,
            .consumerCancelled, .invalidArgument:
            false
        }
    }
}
