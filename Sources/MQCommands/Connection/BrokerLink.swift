import AMQP
import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// A connection and its channel that outlive the broker: the one place that owns what was set up
/// on them (confirm mode, prefetch, the queues mq declared for itself, the consumer) and sets it
/// up again on a new connection after a loss, with the backoff and the rules of
/// `ReconnectPolicy`, for every verb that runs until stopped.
///
/// A verb runs its work through `retrying`; when the work fails because the connection was lost,
/// the link reconnects (the first try at once, then with backoff, through the whole URL list with
/// the lost broker last), runs `setUp` on the new channel, then `resume` (the verb's own
/// recovery: publish again what was not confirmed), says so on stderr, and runs the work again.
/// Whatever another try cannot get past (a refused password, a missing queue, an operator's
/// close) ends the verb at once with its own exit status.
final class BrokerLink {
    private let invocation: Invocation
    private let candidates: [ConnectionSettings]
    let policy: ReconnectPolicy
    /// The broker this link reaches, as notes and errors name it (`destination`), or nil.
    let subject: String?
    private(set) var connection: Connection
    private(set) var channel: Channel
    /// The index in `candidates` of the broker connected to now.
    private var current: Int
    /// How many times the connection was lost and got back: a delivery taken in an earlier
    /// epoch belongs to a channel that is gone, and its tag must not be settled on this one.
    private(set) var epoch = 0
    /// Sets up the channel for the verb: run once now (by `start`) and again on every new
    /// channel, where what it returns (what was missed meanwhile, say) joins the note.
    private var setUp: ((Channel) throws(AMQPError) -> String?)?
    /// What the verb does once a new channel is set up; returns what the "reconnected" note adds.
    var resume: ((Channel) throws(AMQPError) -> String?)?
    /// Called when the broker blocks (with its reason) or unblocks (nil) publishing on any connection.
    var onBlockedChange: ((String?) -> Void)? {
        didSet { connection.onBlockedChange = onBlockedChange }
    }

    /// Connects to the first of `candidates` that answers (by default, the brokers the global
    /// options name). The first connection is never retried: a broker that is not there is exit 69.
    /// A one-shot verb passes `reconnecting: false`: its link never reconnects.
    init(
        _ invocation: Invocation, candidates: [ConnectionSettings]? = nil, subject: String? = nil,
        reconnecting: Bool = true
    ) throws(Failure) {
        self.invocation = invocation
        let brokers: [ConnectionSettings]
        if let candidates {
            brokers = candidates
        } else {
            brokers = try GlobalOptions.connectionCandidates(invocation.parsed)
        }
        self.candidates = brokers
        self.subject = subject
        policy = ReconnectPolicy(window: reconnecting ? invocation.parsed[GlobalOptions.reconnectFor] : 0)
        do throws(Failure) {
            (connection, channel) = try invocation.connect(brokers)
        } catch {
            throw subject.map { error.about($0) } ?? error
        }
        current = brokers.firstIndex(of: connection.settings) ?? 0
    }

    /// Runs `setUp` on the channel now and remembers it, to run again on every new channel
    /// (a loss during this first set-up is one too: the new channel is set up by the reconnect).
    func start(_ setUp: @escaping (Channel) throws(AMQPError) -> String?) throws(Failure) {
        self.setUp = setUp
        let first = epoch
        try retrying { if epoch == first { _ = try setUp(channel) } }
    }

    /// Closes the connection (the broker requeues whatever is unacknowledged), and lets go of
    /// the verb's closures.
    func close() {
        setUp = nil
        resume = nil
        onBlockedChange = nil
        connection.close()
    }

    /// Runs `work`, and again after each recovered loss of the connection, until it returns or
    /// fails in a way a reconnect cannot mend.
    func retrying<T>(_ work: () throws -> T) throws(Failure) -> T {
        while true {
            do {
                return try work()
            } catch {
                try recover(from: error)
            }
        }
    }

    /// Runs `work` once: after a loss of the connection it reconnects but does not run `work`
    /// again, and returns false. For work that settles deliveries by tag (an ack at a move's
    /// source): a tag of the lost channel means nothing on the new one.
    func once(_ work: () throws -> Void) throws(Failure) -> Bool {
        do {
            try work()
            return true
        } catch {
            try recover(from: error)
            return false
        }
    }

    /// Gets back to the broker after `error`, or throws: `error` itself when it is not a lost
    /// connection (or reconnecting is off), the last error with how long mq tried when the
    /// window passed, the new error when a try meets one no further try can get past.
    func recover(from error: any Error) throws(Failure) {
        let lost: AMQPError
        switch error {
        case let error as AMQPError: lost = error
        case let failure as Failure:
            guard case .client(let error) = failure.cause, policy.enabled, error.isRecoverableLoss else {
                throw failure
            }
            lost = error
        default: throw Failure(.bug("\(error)"))
        }
        guard policy.enabled, lost.isRecoverableLoss else { throw failure(lost) }
        invocation.note(
            "\(prefix)connection to \(authority(current)) lost (\(lost)); reconnecting for up to \(policy.windowText)")
        let since = Deadline.now
        var lastError = lost
        var round = 0
        var generator = SystemRandomNumberGenerator()
        while true {
            let delay = ReconnectPolicy.delay(beforeRound: round, jitter: Double.random(in: 0...1, using: &generator))
            if delay > 0 { try sleep(delay) }
            guard policy.allowsRound(after: Deadline.now.seconds(since: since)) else {
                throw failure(lastError).adding("; gave up reconnecting after \(policy.windowText)")
            }
            for index in ReconnectPolicy.order(Array(candidates.indices), lost: current) {
                if let signal = Signals.pending { throw Failure(.signal(signal)) }
                do throws(AMQPError) {
                    let detail = try reconnect(to: index)
                    let seconds = Deadline.now.seconds(since: since)
                    invocation.note(
                        "\(prefix)reconnected to \(authority(index)) after \(Self.tenths(seconds)) s"
                            + (detail.map { "; " + $0 } ?? ""))
                    return
                } catch {
                    guard error.isRecoverableLoss else { throw failure(error) }
                    invocation.trace("\(prefix)\(error)")
                    lastError = error
                }
            }
            round += 1
        }
    }

    /// Opens a new connection to candidate `index`, sets up its channel and lets the verb
    /// resume; what the verb had to say about it. A connection that fails on the way is closed.
    private func reconnect(to index: Int) throws(AMQPError) -> String? {
        let fresh = try invocation.connector.open(
            candidates[index], "mq \(invocation.parsed.path.joined(separator: " "))")
        do throws(AMQPError) {
            fresh.onBlockedChange = onBlockedChange
            let freshChannel = try fresh.openChannel()
            let missed = try setUp?(freshChannel)
            connection.close(deadline: .now)
            (connection, channel, current) = (fresh, freshChannel, index)
            epoch += 1
            let resumed = try resume?(freshChannel)
            let notes = [missed, resumed].compactMap { $0 }
            return notes.isEmpty ? nil : notes.joined(separator: "; ")
        } catch {
            fresh.close()
            throw error
        }
    }

    /// Sleeps `seconds`, a slice at a time, ending early with the signal that stops mq.
    private func sleep(_ seconds: Double) throws(Failure) {
        Deadline.after(seconds: seconds).sleep(wakingEvery: 100) { Signals.pending != nil }
        if let signal = Signals.pending { throw Failure(.signal(signal)) }
    }

    /// The failure for `error`, about this link's broker.
    private func failure(_ error: AMQPError) -> Failure {
        subject.map { Failure(error).about($0) } ?? Failure(error)
    }

    private var prefix: String { subject.map { "\($0): " } ?? "" }

    private func authority(_ index: Int) -> String {
        Endpoint.authority(host: candidates[index].host, port: candidates[index].port)
    }

    /// `seconds` to a tenth (`4.2`).
    static func tenths(_ seconds: Double) -> String {
        let tenths = Int((seconds * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
