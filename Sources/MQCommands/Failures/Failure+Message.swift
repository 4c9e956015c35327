import AMQP
import ManagementAPI
import Routing

// Every failure's words, in one place: the one line on stderr and the `--json` error's message.

extension Failure {
    /// The one line on stderr (empty for a signal).
    var message: String {
        let text: String
        switch cause {
        case .client(let error):
            text =
                "\(error)" + (error.closeReason?.deprecatedFeature.map { ": " + DeprecatedFeature.advice($0) } ?? "")
                + (error.closeReason.flatMap(StreamAdvice.of).map { ": " + $0 } ?? "") + TLSAdvice.of(error)
        case .client10(let error): text = "\(error)"
        case .api(let error):
            let advice = if case .unreachable(_, let cause) = error { TLSAdvice.of(cause) } else { "" }
            text = "\(error)" + advice
        case .parse(let error): text = error.message
        case .usage(let problem): text = problem.message
        case .configuration(let problem): text = problem.message
        case .io(let problem): text = problem.message
        case .input(let problem): text = problem.message
        case .badLine(let number, let problem): text = "line \(number): \(problem.message)"
        case .refused(let refusal): text = refusal.message
        case .denied(let denial): text = denial.message
        case .unconfirmed(let unconfirmed): text = unconfirmed.message
        case .incomplete(let shortfall): text = shortfall.message
        case .blocked(let seconds): text = "the broker blocked publishing for \(seconds) s"
        case .unanswered(let unanswered): text = unanswered.message
        case .signal: return ""
        case .missed(let miss): text = miss.message
        case .bug(let line): text = line
        }
        return subject + text + context
    }
}

extension UsageProblem {
    fileprivate var message: String {
        switch self {
        case .noCommand: "no command given ('mq help' lists them)"
        case .onlyOverAMQP091(let command):
            "mq \(command) speaks AMQP 0-9-1 only, so far (--protocol 1.0 is for \(WireProtocol.amqp10VerbList))"
        case .notOverAMQP10(let option): "\(option) does not work over AMQP 1.0 yet (--protocol 1.0)"
        case .needsAMQP10(let option): "\(option) is for AMQP 1.0: add --protocol 1.0"
        case .noAMQP10Equivalent(let property): "AMQP 1.0 has no place for \(property) (--protocol 1.0)"
        case .noSuchCommand(let words): "no such command '\(words.joined(separator: " "))'"
        case .brokenRule(let rule): rule
        case .conflictingExitActions(let conflict):
            "--exit-action gives status \(conflict.code) two actions: \(conflict.first.rawValue) and "
                + "\(conflict.second.rawValue)"
        case .vhostDoesNotApply(let kind): "'mq list \(kind)' covers the whole broker: --vhost does not apply"
        case .badValue(let option, let value, let problem): "bad value for '--\(option)': '\(value)' \(problem)"
        case .destinationIsSource(let queue): "the destination is the source queue '\(queue)'"
        case .noDestination: "move needs --to-queue, --to-exchange or --to-origin"
        case .noBody: "no message body: give BODY, --file PATH, or pipe it on standard input"
        case .noNewPassword:
            "the new user's password goes in --new-password-file PATH or on standard input (or give --no-password)"
        case .externalNeedsCertificate(let auth, let certificate):
            "--\(auth) external needs TLS and a client certificate (--\(certificate))"
        }
    }
}

extension ConfigurationProblem {
    fileprivate var message: String {
        switch self {
        case .badURI(let error): "bad AMQP URI: \(error)"
        case .unreadableOptionFile(let option, let path, let error):
            "cannot read --\(option) file '\(path)': \(error.reason)"
        case .unreadablePasswordFile(let path, let error): "cannot read password file '\(path)': \(error.reason)"
        case .unreadableConfigurationFile(let path, let error):
            "cannot read configuration file \(path): \(error.reason)"
        case .configurationNotUTF8(let path): "\(path): not valid UTF-8 text"
        case .noConfigurationFile(let profile, let path):
            "profile '\(profile)' asked for, but there is no configuration file at \(path)"
        case .noProfile(let name, let path, let known):
            "\(path): no profile [\(name)] (profiles: \(known.isEmpty ? "none" : known.joined(separator: ", ")))"
        case .badConfigurationLine(let path, let line, let problem): "\(path):\(line): \(problem)"
        case .badSetting(let path, let line, let key, let problem):
            "\(path):\(line): bad value for '\(key)': \(problem)"
        case .noBrokerURL: "no broker URL"
        }
    }
}

extension IOProblem {
    /// True for what mq writes (exit 69), false for what it reads (exit 65).
    var isOutput: Bool {
        switch self {
        case .cannotRead, .cannotWriteFile: false
        case .cannotWriteOutput, .cannotSyncOutput, .cannotSetUpTerminal: true
        }
    }

    fileprivate var message: String {
        switch self {
        case .cannotRead(let source, let error): "cannot read \(source): \(error.reason)"
        case .cannotWriteFile(let path, let error): "cannot write '\(path)': \(error.reason)"
        case .cannotWriteOutput(let error): "cannot write output: \(error.reason)"
        case .cannotSyncOutput(let error): "cannot sync output: \(error.reason)"
        case .cannotSetUpTerminal(let error): "cannot set up the terminal: \(error)"
        }
    }
}

extension InputProblem {
    fileprivate var message: String {
        switch self {
        case .notJSON(let file, let error): "'\(file)' is not valid JSON: \(error)"
        case .notDefinitions(let file): "'\(file)' is not a JSON object of definitions"
        case .emptyPasswordLine(let file): "password file '\(file)' starts with an empty line"
        case .noPasswordOnInput: "no password on standard input (give --new-password-file PATH or --no-password)"
        case .badOffsetFile(let path): "--offset-file '\(path)' does not hold an offset number"
        case .noOrigin(let message):
            "message \(message) has no x-death header to say where it came from; give --key (with --to-exchange) or "
                + "--to-queue for such messages"
        }
    }
}

extension Refusal {
    fileprivate var message: String {
        switch self {
        case .commandsFailed(let failed, let ran): "\(failed) of \(ran) commands failed"
        case .notListed(let noun, let names, let vhost):
            "no \(noun) named \(names.map { "'\($0)'" }.joined(separator: ", "))\(vhost.map { " in vhost '\($0)'" } ?? "")"
        case .unknownExchangeType(let exchange, let vhost, let type):
            "exchange '\(exchange)' in vhost '\(vhost)' is of type '\(type)': mq route knows only direct, fanout, "
                + "topic and headers exchanges"
        case .brokerLacks(let feature, let version):
            "\(feature.name) need RabbitMQ \(feature.since) or later, and this broker is RabbitMQ \(version): "
                + feature.fallback
        }
    }
}

extension Denial {
    fileprivate var message: String {
        switch self {
        case .tracing(let user, let on, let vhost, let reason):
            "user '\(user)' may not turn tracing \(on ? "on" : "off") for vhost '\(vhost)' (\(reason)): that needs the administrator tag"
        }
    }
}

extension NotConfirmed {
    fileprivate var message: String {
        switch self {
        case .messages(let published, let returned, let nacked):
            "\(returned + nacked) of \(published) messages not confirmed (\(returned) returned, \(nacked) nacked)"
        case .outcomes(let sent, let released, let refused, let firstRefusal):
            "\(released + refused) of \(sent) messages not accepted (\(released) released: no queue took them; "
                + "\(refused) refused\(firstRefusal.map { ", the first: " + $0 } ?? ""))"
        case .requestReturned(let exchange, let routingKey):
            "the request was returned: no queue is bound to exchange '\(exchange)' with routing key '\(routingKey)'"
        case .requestNacked: "the broker nacked the request"
        case .unroutable(let exchange, let vhost, let routingKey):
            "a message to exchange '\(Routing.name(exchange))' in vhost '\(vhost)' with routing key '\(routingKey)' "
                + "would reach no queue: unroutable (publish would have it returned)"
        case .destinationRefused(let sequence, let exchange, let routingKey, let returned):
            if let returned {
                "message \(sequence) was returned by the destination: no queue is bound to exchange '\(exchange)' with "
                    + "routing key '\(routingKey)' (\(returned))"
            } else {
                "message \(sequence) (to exchange '\(exchange)' with routing key '\(routingKey)') was nacked by the "
                    + "destination"
            }
        }
    }
}

extension Shortfall {
    fileprivate var message: String {
        switch self {
        case .timedOut(let handled, let limit, let noun): "timed out after \(handled) of \(limit) \(noun)"
        case .queueRanDry(let queue, let got, let wanted): "queue '\(queue)' had \(got) of \(wanted) messages"
        case .movedFewer(let moved, let wanted, let queue):
            "moved \(moved) of \(wanted) messages: '\(queue)' had no more"
        case .noReply(let seconds, let correlationID):
            "no reply within \(seconds) s (correlation id '\(correlationID)')"
        }
    }
}

extension Unanswered {
    fileprivate var message: String {
        switch self {
        case .notReady(let seconds, let attempts, let last):
            "not ready within \(seconds) s (\(attempts) attempts): \(last.message)"
        case .confirmsTimedOut(let seconds): "timed out after \(seconds) s waiting for confirms"
        }
    }
}

extension NotReady {
    /// What `mq wait --verbose` says of an attempt.
    var message: String {
        switch self {
        case .nothingTried: "nothing tried"
        case .queueMissing(let queue): "queue '\(queue)' does not exist yet"
        case .failed(let failure): failure.message
        }
    }
}

extension BenchMiss {
    fileprivate var message: String {
        switch self {
        case .latency(let percentile, let milliseconds?, let option, let limit):
            "\(percentile) latency \(milliseconds) ms is over --\(option) \(limit)"
        case .latency(let percentile, nil, let option, let limit):
            "no \(percentile) latency to hold to --\(option) \(limit): no stamped message was consumed"
        case .rate(let perSecond, let limit): "consumed \((perSecond * 10).rounded() / 10)/s, under --min-rate \(limit)"
        case .lost(let lost, let limit): "\(lost) messages missing (sequence gaps), over --max-lost \(limit)"
        }
    }
}
