import AMQP
import ArgumentParsing
import ManagementAPI

/// A failure of an mq command: what failed (its cause), from which its one line on stderr, its
/// `--json` error object and its exit status all follow.
struct Failure: Error {
    /// What failed. Each cause has one exit status; a call site says what went wrong, never
    /// which status to exit with.
    enum Cause {
        /// The AMQP client: the broker unreachable, refusing, closing, or misbehaving.
        case client(AMQPError)
        /// The management API.
        case api(APIError)
        /// A command line that does not parse.
        case parse(ParseError)
        /// A command line that parses but asks for what cannot be done.
        case usage(String)
        /// A configuration file, URI or password file that cannot be used.
        case configuration(String)
        /// Input that cannot be read or is not what it should be (a body file, a definitions file).
        case input(String)
        /// A line of a stream of messages that cannot be read as one (its number counts from 1).
        case badLine(number: Int, problem: String)
        /// Output that cannot be written.
        case output(String)
        /// The broker, or a command mq ran, refused; or what was named does not exist.
        case refused(String)
        /// The user lacks a permission or tag for what was asked (said in mq's own words).
        case denied(String)
        /// Published messages that were not confirmed: returned as unroutable, or nacked.
        case unconfirmed(String)
        /// Fewer messages (or no reply) than asked for, within the time allowed.
        case incomplete(String)
        /// The broker kept publishing blocked (connection.blocked) for this many seconds.
        case blocked(seconds: Double)
        /// Nothing answered in time (confirms, a broker that is not ready).
        case unanswered(String)
        /// A signal stopped mq after a clean shutdown (nothing is said).
        case signal(Int32)
        /// A bug in mq.
        case bug(String)
    }

    let cause: Cause
    /// What happened alongside, appended to the cause's line (e.g. how many messages were confirmed).
    private(set) var context = ""
    /// What the line is about, before it (`destination: `); empty for most.
    private(set) var subject = ""

    init(_ cause: Cause) { self.cause = cause }

    init(_ error: AMQPError) { self.init(.client(error)) }

    init(_ error: APIError) { self.init(.api(error)) }

    /// The same failure with `subject` (which broker, say) before its line.
    func about(_ subject: String) -> Failure {
        var copy = self
        copy.subject = subject + ": " + copy.subject
        return copy
    }

    /// The same failure with `suffix` appended to its line.
    func adding(_ suffix: String) -> Failure {
        var copy = self
        copy.context += suffix
        return copy
    }

    /// The status mq exits with.
    var status: ExitStatus {
        switch cause {
        case .client(let error): ExitStatus.of(error)
        case .api(let error): ExitStatus.of(error)
        case .parse, .usage: .usage
        case .configuration: .configuration
        case .input, .badLine: .dataError
        case .output, .unanswered: .unavailable
        case .refused: .refused
        case .denied: .noPermission
        case .unconfirmed: .unconfirmed
        case .incomplete: .incomplete
        case .blocked: .tempFailure
        case .signal(let signal): Signals.exitStatus(signal)
        case .bug: .software
        }
    }

    /// The one line on stderr (empty for a signal).
    var message: String {
        let text: String
        switch cause {
        case .client(let error):
            text = "\(error)" + (error.closeReason?.deprecatedFeature.map { ": " + DeprecatedFeature.advice($0) } ?? "") + TLSAdvice.of(error)
        case .api(let error):
            let advice = if case .unreachable(_, let cause) = error { TLSAdvice.of(cause) } else { "" }
            text = "\(error)" + advice
        case .parse(let error): text = error.message
        case .usage(let line), .configuration(let line), .input(let line), .output(let line), .refused(let line), .denied(let line),
            .unconfirmed(let line), .incomplete(let line), .unanswered(let line), .bug(let line):
            text = line
        case .badLine(let number, let problem): text = "line \(number): \(problem)"
        case .blocked(let seconds): text = "the broker blocked publishing for \(seconds) s"
        case .signal: return ""
        }
        return subject + text + context
    }

    /// The command words whose usage line goes with a usage error (nil: the command's own).
    var usagePath: [String]? {
        if case .parse(let error) = cause { error.commandPath } else { nil }
    }

    /// The broker's reply code, when the broker refused or closed something.
    var replyCode: UInt16? {
        if case .client(let error) = cause { error.replyCode?.rawValue } else { nil }
    }

    /// The broker's reply text (one line), when it closed a channel or the connection.
    var replyText: String? {
        if case .client(let error) = cause { error.closeReason?.detail } else { nil }
    }
}

/// Runs `body`, passing failures through and turning client errors into failures.
func reportingFailures<T>(_ body: () throws -> T) throws(Failure) -> T {
    do {
        return try body()
    } catch let failure as Failure {
        throw failure
    } catch let error as AMQPError {
        throw Failure(error)
    } catch {
        throw Failure(.bug("\(error)"))
    }
}
