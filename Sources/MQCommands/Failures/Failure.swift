import AMQP
import AMQP10
import ArgumentParsing
import ManagementAPI

/// A failure of an mq command: what failed (its cause, with the values involved), from which its
/// one line on stderr (`Failure+Message.swift`), its `--json` error object and its exit status all
/// follow.
struct Failure: Error, Equatable, Sendable {
    /// What failed. Each cause has one exit status; a call site says what went wrong, never
    /// which status to exit with, nor in what words.
    enum Cause: Equatable, Sendable {
        /// The AMQP client: the broker unreachable, refusing, closing, or misbehaving.
        case client(AMQPError)
        /// The AMQP 1.0 client: the peer unreachable, refusing, ending, or misbehaving.
        case client10(AMQP10Error)
        /// The management API.
        case api(APIError)
        /// A command line that does not parse.
        case parse(ParseError)
        /// A command line that parses but asks for what cannot be done.
        case usage(UsageProblem)
        /// A configuration file, URI or password file that cannot be used.
        case configuration(ConfigurationProblem)
        /// A file or stream that cannot be read or written.
        case io(IOProblem)
        /// Input that is not what it should be (a body file, a definitions file).
        case input(InputProblem)
        /// A line of a stream of messages that cannot be read as one (its number counts from 1).
        case badLine(number: Int, problem: NDJSONError)
        /// The broker, or a command mq ran, refused; or what was named does not exist.
        case refused(Refusal)
        /// The user lacks a permission or tag for what was asked.
        case denied(Denial)
        /// Published messages that were not confirmed: returned as unroutable, or nacked.
        case unconfirmed(NotConfirmed)
        /// Fewer messages (or no reply) than asked for, within the time allowed.
        case incomplete(Shortfall)
        /// The broker kept publishing blocked (connection.blocked) for this many seconds.
        case blocked(seconds: Double)
        /// Nothing answered in time (confirms, a broker that is not ready).
        case unanswered(Unanswered)
        /// A signal stopped mq after a clean shutdown (nothing is said).
        case signal(Int32)
        /// A load test missed a limit it was given (`mq bench --max-p99`, ...).
        case missed(BenchMiss)
        /// A bug in mq, in words for its maintainers.
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

    init(_ error: AMQP10Error) { self.init(.client10(error)) }

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
        case .client10(let error): ExitStatus.of(error)
        case .api(let error): ExitStatus.of(error)
        case .parse, .usage: .usage
        case .configuration: .configuration
        case .io(let problem): problem.isOutput ? .unavailable : .dataError
        case .input, .badLine: .dataError
        case .unanswered: .unavailable
        case .refused: .refused
        case .denied: .noPermission
        case .unconfirmed: .unconfirmed
        case .incomplete: .incomplete
        case .blocked: .tempFailure
        case .signal(let signal): Signals.exitStatus(signal)
        case .missed: .thresholdMissed
        case .bug: .software
        }
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
    } catch let error as AMQP10Error {
        throw Failure(error)
    } catch {
        throw Failure(.bug("\(error)"))
    }
}
