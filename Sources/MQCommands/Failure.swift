import AMQP

/// A failure of an mq command: what to say on stderr and which status to exit with.
struct Failure: Error {
    let status: ExitStatus
    let message: String
    /// The broker's reply code and text, when the broker refused something.
    var replyCode: UInt16?
    var replyText: String?

    init(_ status: ExitStatus, _ message: String, replyCode: UInt16? = nil, replyText: String? = nil) {
        self.status = status
        self.message = message
        self.replyCode = replyCode
        self.replyText = replyText
    }

    init(_ error: AMQPError) {
        var reason: CloseReason?
        switch error {
        case .channelClosed(let closeReason, _), .connectionClosed(let closeReason), .vhostRefused(_, let closeReason):
            reason = closeReason
        default: reason = nil
        }
        var message = "\(error)"
        if let feature = reason?.deprecatedFeature { message += ": " + DeprecatedFeature.advice(feature) }
        self.init(ExitStatus.of(error), message, replyCode: error.replyCode?.rawValue, replyText: reason?.detail)
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
        throw Failure(.software, "\(error)")
    }
}
