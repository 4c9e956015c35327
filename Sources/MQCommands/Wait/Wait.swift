import AMQP
import ArgumentParsing
import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// `mq wait`: retries until the broker accepts a connection and the named queues exist.
enum Wait {
    static let spec = Command(
        "wait", summary: "Wait until the broker accepts connections (and queues exist)",
        discussion: "For CI jobs that have just started a broker. Exit 0 when ready, 69 when --timeout passes first.",
        options: [timeout, queues, interval],
        examples: ["mq wait --timeout 2m", "mq wait --queue orders --queue invoices"], action: CommandHandler(run))

    static let timeout = Option<Double>.duration("timeout", short: "t", default: "60s", help: "give up after this long")
    static let queues = Option<[String]>.repeated(
        "queue", value: OptionSpecs.queueName, valueName: "QUEUE", help: "also wait until this queue exists")
    static let interval = Option<Double>.duration("interval", default: "500ms", help: "pause between attempts")

    static func run(_ invocation: Invocation) throws(Failure) {
        let parsed = invocation.parsed
        let timeout = parsed[Self.timeout]
        let interval = parsed[Self.interval]
        let queues = parsed[Self.queues]
        let start = Deadline.now
        let deadline = start.adding(seconds: timeout)
        let candidates = try GlobalOptions.connectionCandidates(parsed)
        var lastProblem = NotReady.nothingTried
        var attempts = 0
        while true {
            attempts += 1
            let remaining = deadline.secondsRemaining
            let bounded = candidates.map { settings in
                var settings = settings
                settings.connectionTimeout = max(0.1, min(remaining, settings.connectionTimeout))
                return settings
            }
            if let problem = check(bounded, queues: queues, invocation: invocation) {
                lastProblem = problem
                invocation.trace("attempt \(attempts): \(problem.message)")
            } else {
                let waited = Deadline.now.seconds(since: start)
                invocation.trace("ready after \(attempts) attempts")
                if invocation.json {
                    try invocation.emit(
                        text: "",
                        json: .object([
                            ("ready", .bool(true)), ("attempts", .int(Int64(attempts))), ("seconds", .double(waited)),
                        ]))
                }
                return
            }
            guard Deadline.after(seconds: interval) < deadline else {
                throw Failure(.unanswered(.notReady(seconds: timeout, attempts: attempts, last: lastProblem)))
            }
            Deadline.after(seconds: interval).sleep()
        }
    }

    /// Nil when the broker is ready, else what is missing.
    private static func check(_ candidates: [ConnectionSettings], queues: [String], invocation: Invocation) -> NotReady?
    {
        do {
            let connection = try invocation.openConnection(candidates)
            defer { connection.close() }
            for queue in queues {
                let channel = try connection.openChannel()
                do {
                    try channel.declareQueue(queue, passive: true)
                    try channel.close()
                } catch {
                    return .queueMissing(queue)
                }
            }
            return nil
        } catch let failure as Failure {
            return .failed(failure)
        } catch let error as AMQPError {
            return .failed(Failure(error))
        } catch {
            return .failed(Failure(.bug("\(error)")))
        }
    }
}
