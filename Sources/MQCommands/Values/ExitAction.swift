import ArgumentParsing

/// What `consume --exec` does with a message once its command has ended.
enum Settlement: String, CaseIterable, Sendable {
    /// Acknowledge it: the command handled it.
    case ack
    /// Put it back in the queue after `ExecConsumer.requeueDelay`, to be tried again.
    case requeue
    /// Reject it without requeueing: the broker dead-letters it, or drops it.
    case reject
    /// Put it back in the queue at once and stop consuming.
    case stop

    /// True when the command counts as failed for mq's exit status: anything but an ack.
    var isFailure: Bool {
        switch self {
        case .ack: false
        case .requeue, .reject, .stop: true
        }
    }
}

/// A `CODE=ACTION` word of `--exit-action`: an exit status (0-255) or `*` (every non-zero status
/// not named), and what to do with the message when the command ends with it.
struct ExitAction: TextDecodable, Hashable {
    /// The statuses a rule is for.
    enum Code: Hashable, Sendable {
        /// This one status.
        case status(UInt8)
        /// Every non-zero status no rule names.
        case otherFailures
    }

    let code: Code
    let settlement: Settlement

    static var suggestions: [String] { ["*=reject", "*=requeue", "75=requeue"] }

    init(code: Code, settlement: Settlement) {
        self.code = code
        self.settlement = settlement
    }

    init(text: String) throws(ValueProblem) {
        guard let equals = text.firstIndex(of: "=") else {
            throw ValueProblem("'\(text)' is not CODE=ACTION, e.g. 75=requeue or '*=reject'")
        }
        let codeText = text[..<equals]
        let actionText = text[text.index(after: equals)...]
        if codeText == "*" {
            code = .otherFailures
        } else if codeText.allSatisfy({ ("0"..."9").contains($0) }), let status = UInt8(codeText) {
            code = .status(status)
        } else {
            throw ValueProblem("'\(codeText)' in '\(text)' is not an exit status (0-255) or *")
        }
        guard let settlement = Settlement(rawValue: String(actionText)) else {
            throw ValueProblem("'\(actionText)' in '\(text)' is not an action: ack, requeue, reject or stop")
        }
        self.settlement = settlement
    }
}

extension ExitAction.Code: CustomStringConvertible {
    /// As written on the command line: `75` or `*`.
    var description: String {
        switch self {
        case .status(let status): String(status)
        case .otherFailures: "*"
        }
    }
}
