/// An AMQP reply code (spec 1.4 "Constants"), classified as RabbitMQ's JSON spec classifies them.
///
/// Channel (soft) errors close only the channel; connection (hard) errors close the connection.
public struct ReplyCode: RawRepresentable, Hashable, Sendable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let success = ReplyCode(rawValue: 200)
    public static let contentTooLarge = ReplyCode(rawValue: 311)
    public static let noRoute = ReplyCode(rawValue: 312)
    public static let noConsumers = ReplyCode(rawValue: 313)
    public static let connectionForced = ReplyCode(rawValue: 320)
    public static let invalidPath = ReplyCode(rawValue: 402)
    public static let accessRefused = ReplyCode(rawValue: 403)
    public static let notFound = ReplyCode(rawValue: 404)
    public static let resourceLocked = ReplyCode(rawValue: 405)
    public static let preconditionFailed = ReplyCode(rawValue: 406)
    public static let frameError = ReplyCode(rawValue: 501)
    public static let syntaxError = ReplyCode(rawValue: 502)
    public static let commandInvalid = ReplyCode(rawValue: 503)
    public static let channelError = ReplyCode(rawValue: 504)
    public static let unexpectedFrame = ReplyCode(rawValue: 505)
    public static let resourceError = ReplyCode(rawValue: 506)
    public static let notAllowed = ReplyCode(rawValue: 530)
    public static let notImplemented = ReplyCode(rawValue: 540)
    public static let internalError = ReplyCode(rawValue: 541)

    /// The spec's name, e.g. `PRECONDITION_FAILED`, or `REPLY_<n>` for a code the spec lacks.
    public var name: String {
        switch rawValue {
        case 200: "REPLY_SUCCESS"
        case 311: "CONTENT_TOO_LARGE"
        case 312: "NO_ROUTE"
        case 313: "NO_CONSUMERS"
        case 320: "CONNECTION_FORCED"
        case 402: "INVALID_PATH"
        case 403: "ACCESS_REFUSED"
        case 404: "NOT_FOUND"
        case 405: "RESOURCE_LOCKED"
        case 406: "PRECONDITION_FAILED"
        case 501: "FRAME_ERROR"
        case 502: "SYNTAX_ERROR"
        case 503: "COMMAND_INVALID"
        case 504: "CHANNEL_ERROR"
        case 505: "UNEXPECTED_FRAME"
        case 506: "RESOURCE_ERROR"
        case 530: "NOT_ALLOWED"
        case 540: "NOT_IMPLEMENTED"
        case 541: "INTERNAL_ERROR"
        default: "REPLY_\(rawValue)"
        }
    }

    /// True for connection (hard) errors, which close the whole connection.
    public var isConnectionError: Bool {
        switch rawValue {
        case 320, 402, 501...506, 530, 540, 541: true
        default: false
        }
    }
}

extension ReplyCode: CustomStringConvertible {
    /// `NAME (code)`, e.g. `NOT_FOUND (404)`.
    public var description: String { "\(name) (\(rawValue))" }
}
