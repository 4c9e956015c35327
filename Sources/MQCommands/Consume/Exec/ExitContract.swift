/// What `consume --exec` does with a message for each exit status of its command, from
/// `--exit-action CODE=ACTION` (repeatable) and `--on-failure ACTION`.
///
/// Precedence, first match wins: a rule naming the status; then `*=ACTION` for a non-zero status;
/// then `--on-failure` for a non-zero status; then ack for 0. So 0 acks unless `0=ACTION` names it,
/// and `*` never covers 0.
struct ExitContract: Equatable, Sendable {
    /// The action for each status a rule names.
    private let named: [UInt8: Settlement]
    /// The action for every other non-zero status.
    private let otherFailures: Settlement

    /// `--on-failure`'s word: what every non-zero status no `--exit-action` names does.
    enum OnFailure: String, CaseIterable, Sendable {
        case requeue, reject, stop

        var settlement: Settlement {
            switch self {
            case .requeue: .requeue
            case .reject: .reject
            case .stop: .stop
            }
        }
    }

    /// A status named twice with different actions.
    struct Conflict: Error, Equatable, Sendable {
        let code: ExitAction.Code
        let first: Settlement
        let second: Settlement
    }

    /// The contract of `rules`, with `onFailure` for the non-zero statuses they leave out. The
    /// same rule given twice is harmless; one code with two different actions is a `Conflict`.
    init(_ rules: [ExitAction], onFailure: OnFailure = .requeue) throws(Conflict) {
        var named: [UInt8: Settlement] = [:]
        var star: Settlement?
        for rule in rules {
            let earlier: Settlement?
            switch rule.code {
            case .status(let status):
                earlier = named[status]
                named[status] = rule.settlement
            case .otherFailures:
                earlier = star
                star = rule.settlement
            }
            if let earlier, earlier != rule.settlement {
                throw Conflict(code: rule.code, first: earlier, second: rule.settlement)
            }
        }
        self.named = named
        otherFailures = star ?? onFailure.settlement
    }

    /// What to do with a message whose command ended with `status` (128 + N for signal N).
    func settlement(for status: Int32) -> Settlement {
        guard let code = UInt8(exactly: status) else { return otherFailures }
        if let settlement = named[code] { return settlement }
        return code == 0 ? .ack : otherFailures
    }
}
