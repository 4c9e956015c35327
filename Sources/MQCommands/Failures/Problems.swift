import AMQP
import AMQPWire
import JSON
import Transport

// What a `Failure` carries: each case says what went wrong with the values involved, never how
// to print it. `Failure+Message.swift` turns them into words, in one place.

/// A command line that parses but asks for what cannot be done.
enum UsageProblem: Equatable, Sendable {
    /// `mq` with no command.
    case noCommand
    /// A verb that speaks AMQP 0-9-1 only, asked to speak 1.0.
    case onlyOverAMQP091(command: String)
    /// An option of a verb that has no AMQP 1.0 path yet.
    case notOverAMQP10(option: String)
    /// An option that means something over AMQP 1.0 only.
    case needsAMQP10(option: String)
    /// A message property or header that AMQP 1.0 has no place for.
    case noAMQP10Equivalent(property: String)
    /// `mq help WORDS` for a command that does not exist.
    case noSuchCommand([String])
    /// A rule between options does not hold (the rule's own words).
    case brokenRule(String)
    /// `--exit-action` gives one status two actions.
    case conflictingExitActions(ExitContract.Conflict)
    /// `--vhost` given to a list of something that covers the whole broker.
    case vhostDoesNotApply(kind: String)
    /// An option's value that the parser accepts but the command cannot use.
    case badValue(option: String, value: String, problem: String)
    /// `move` to the queue it moves from.
    case destinationIsSource(queue: String)
    /// `move` without a destination.
    case noDestination
    /// `publish` or `request` with no body anywhere.
    case noBody
    /// `declare user` with no way to read the new password.
    case noNewPassword
    /// EXTERNAL authentication without TLS and a client certificate (options as named).
    case externalNeedsCertificate(authOption: String, certificateOption: String)
}

/// A configuration file, URI or password file that cannot be used.
enum ConfigurationProblem: Equatable, Sendable {
    case badURI(URIError)
    /// A file an option names (`--cacert`, ...) that cannot be read.
    case unreadableOptionFile(option: String, path: String, SystemError)
    case unreadablePasswordFile(path: String, SystemError)
    case unreadableConfigurationFile(path: String, SystemError)
    case configurationNotUTF8(path: String)
    /// `--profile NAME` with no configuration file at all.
    case noConfigurationFile(profile: String, path: String)
    case noProfile(String, path: String, known: [String])
    /// A line of the configuration file that is not a section, setting or comment.
    case badConfigurationLine(path: String, line: Int, problem: String)
    /// A setting whose value its option refuses.
    case badSetting(path: String, line: Int, key: String, problem: String)
    case noBrokerURL
}

/// A file or stream that could not be read or written.
enum IOProblem: Equatable, Sendable {
    /// `source` is a quoted path or `standard input`.
    case cannotRead(source: String, SystemError)
    /// A file mq writes itself (`export definitions`).
    case cannotWriteFile(path: String, SystemError)
    case cannotWriteOutput(SystemError)
    case cannotSyncOutput(SystemError)
    case cannotSetUpTerminal(SystemError)
}

/// Input that is not what it should be.
enum InputProblem: Equatable, Sendable {
    case notJSON(file: String, JSONParser.Error)
    case notDefinitions(file: String)
    case emptyPasswordLine(file: String)
    case noPasswordOnInput
    /// An `--offset-file` that does not hold an offset number.
    case badOffsetFile(path: String)
    /// A message `move --to-origin` cannot place: it has no x-death header.
    case noOrigin(message: Int)
}

/// What was named does not exist, or something mq ran refused.
enum Refusal: Equatable, Sendable {
    /// `consume --exec`: commands that failed, of those run.
    case commandsFailed(Int, of: Int)
    /// `list NAMES`: names that matched nothing (`noun` as the kind calls one or several).
    case notListed(noun: String, names: [String], vhost: String?)
    /// `route` through an exchange type mq cannot compute.
    case unknownExchangeType(exchange: String, vhost: String, type: String)
    /// The broker is older than a feature asked for needs, and would ignore it.
    case brokerLacks(BrokerFeature, version: BrokerVersion)
}

/// A permission or tag the user lacks, in mq's own words.
enum Denial: Equatable, Sendable {
    /// Turning tracing on or off needs the administrator tag.
    case tracing(user: String, on: Bool, vhost: String, reason: String)
}

/// Published messages that were not confirmed.
enum NotConfirmed: Equatable, Sendable {
    /// `publish`: of `published`, these were returned or nacked.
    case messages(published: Int, returned: Int, nacked: Int)
    /// Over AMQP 1.0: messages sent, released (no queue took them) and refused (rejected or
    /// modified), with the first refusal's condition and description.
    case outcomes(sent: Int, released: Int, refused: Int, firstRefusal: String?)
    case requestReturned(exchange: String, routingKey: String)
    case requestNacked
    /// `route`: no queue would take the message.
    case unroutable(exchange: String, vhost: String, routingKey: String)
    /// `move`: the destination returned (with its reply code) or nacked message `sequence`.
    case destinationRefused(sequence: UInt64, exchange: String, routingKey: String, returned: ReplyCode?)
}

/// Fewer messages (or no reply) than asked for, within the time allowed.
enum Shortfall: Equatable, Sendable {
    /// `consume` or `trace` ran out of time; `noun` is what they count.
    case timedOut(handled: Int, of: Int, noun: String)
    /// `get`: the queue had fewer messages.
    case queueRanDry(queue: String, got: Int, wanted: Int)
    /// `move`: the queue had fewer messages.
    case movedFewer(moved: Int, wanted: Int, queue: String)
    case noReply(seconds: Double, correlationID: String)
}

/// Nothing answered in time.
enum Unanswered: Equatable, Sendable {
    /// `wait`: the last attempt's problem.
    case notReady(seconds: Double, attempts: Int, last: NotReady)
    case confirmsTimedOut(seconds: Double)
}

/// Why `mq wait` is still waiting.
indirect enum NotReady: Equatable, Sendable {
    case nothingTried
    case queueMissing(String)
    case failed(Failure)
}
