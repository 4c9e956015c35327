import AMQP
import AMQP10
import ManagementAPI

/// mq's exit statuses (sysexits style); the table is in the README and `mq help`.
public enum ExitStatus: Int32, CaseIterable, Sendable {
    case success = 0
    case refused = 1
    case unconfirmed = 2
    case incomplete = 3
    case thresholdMissed = 4
    case usage = 64
    case dataError = 65
    case unavailable = 69
    case software = 70
    case tempFailure = 75
    case protocolError = 76
    case noPermission = 77
    case configuration = 78
    case interrupted = 130
    case terminated = 143

    /// What the status means, one line.
    public var meaning: String {
        switch self {
        case .success: "success"
        case .refused:
            "the broker refused the operation on a channel (404 NOT_FOUND, 406 PRECONDITION_FAILED, 405 "
                + "RESOURCE_LOCKED, ...)"
        case .unconfirmed: "a published message was not confirmed: returned as unroutable, or nacked"
        case .incomplete: "consume/get ended before the requested count: timeout, or empty queue for get"
        case .thresholdMissed: "mq bench missed a limit it was given (--max-p50, --max-p99, --min-rate, --max-lost)"
        case .usage: "usage error (unknown command or option, bad value)"
        case .dataError: "bad input data (unreadable body file, invalid input)"
        case .unavailable: "broker unreachable or connection lost (refused, DNS, connect timeout, heartbeat lost)"
        case .software: "internal error (a bug in mq)"
        case .tempFailure: "the broker kept blocking publishing (connection.blocked) past --timeout"
        case .protocolError: "protocol error (the peer sent something malformed)"
        case .noPermission: "access refused (authentication, permission, or vhost not allowed)"
        case .configuration: "bad configuration (malformed URI, unreadable password file)"
        case .interrupted: "stopped by SIGINT after a clean shutdown"
        case .terminated: "stopped by SIGTERM after a clean shutdown"
        }
    }

    /// The status for a management API error.
    static func of(_ error: APIError) -> ExitStatus {
        switch error {
        case .badURL: .configuration
        case .unreachable(_, .transport(.tlsConfiguration)): .configuration
        case .unreachable: .unavailable
        case .badResponse: .protocolError
        case .unauthorized, .forbidden: .noPermission
        case .notFound: .refused
        case .rejected(_, let status, _, _): status >= 500 ? .unavailable : .refused
        }
    }

    /// The status for an AMQP 1.0 client error: a refused login or `amqp:unauthorized-access`
    /// is 77, a peer that ended something with an error refused (1), one that broke the
    /// protocol 76, one that cannot be reached or went away 69.
    static func of(_ error: AMQP10Error) -> ExitStatus {
        if error.isAccessRefused { return .noPermission }
        switch error {
        case .transport(.tlsConfiguration): return .configuration
        case .transport, .connectionLost, .timedOut, .idleTimeout: return .unavailable
        case .noSupportedMechanism: return .configuration
        case .authenticationFailed: return .noPermission
        case .connectionClosed(let error): return error == nil ? .unavailable : .refused
        case .sessionEnded, .linkDetached: return .refused
        case .protocolViolation: return .protocolError
        case .unencodable: return .dataError
        case .closedByClient: return .software
        }
    }

    /// The status for a client error.
    static func of(_ error: AMQPError) -> ExitStatus {
        switch error {
        case .transport(.tlsConfiguration): .configuration
        case .transport, .heartbeatTimeout, .connectionLost, .timedOut: .unavailable
        case .unsupportedProtocol, .protocolViolation: .protocolError
        case .accessRefused, .vhostRefused: .noPermission
        case .channelClosed(let reason, _): reason.replyCode == .accessRefused ? .noPermission : .refused
        case .connectionClosed(let reason):
            // A refused deprecated feature, or a method the broker does not implement for what it
            // was asked of (basic.get on a stream), is a refusal like any other, though RabbitMQ
            // closes the whole connection for it.
            if reason.replyCode == .accessRefused {
                .noPermission
            } else if reason.deprecatedFeature != nil || reason.replyCode == .notImplemented {
                .refused
            } else {
                .unavailable
            }
        case .consumerCancelled: .refused
        case .invalidArgument: .usage
        case .closed: .software
        }
    }
}
