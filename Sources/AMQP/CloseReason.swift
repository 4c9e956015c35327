import AMQPWire

/// Why a peer closed a channel or the connection: the arguments of `channel.close` or
/// `connection.close` (spec 1.5.2.5 and 1.4.2.5).
public struct CloseReason: Hashable, Sendable {
    public let replyCode: ReplyCode
    public let replyText: String
    /// The class of the method that failed, 0 when none did.
    public let classID: UInt16
    /// The method that failed, 0 when none did.
    public let methodID: UInt16

    public init(replyCode: ReplyCode, replyText: String, classID: UInt16 = 0, methodID: UInt16 = 0) {
        self.replyCode = replyCode
        self.replyText = replyText
        self.classID = classID
        self.methodID = methodID
    }

    /// The dotted name of the method that failed (e.g. `queue.declare`), when the peer named one.
    public var methodName: String? {
        guard classID != 0 else { return nil }
        return Method.name(classID: classID, methodID: methodID) ?? "\(classID).\(methodID)"
    }

    /// The broker's text without its leading `CODE_NAME - `, which our rendering already shows,
    /// on one line: RabbitMQ's texts of several lines (deprecated features) are folded.
    public var detail: String {
        let prefix = replyCode.name + " - "
        let text = replyText.hasPrefix(prefix) ? replyText.dropFirst(prefix.count) : Substring(replyText)
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The feature the broker refused as deprecated, when that is why it closed: RabbitMQ 4 closes
    /// the connection with `INTERNAL_ERROR - Feature `NAME` is deprecated.` and how to permit it.
    public var deprecatedFeature: String? {
        let parts = replyText.split(separator: "`", omittingEmptySubsequences: false)
        guard parts.count >= 3, parts[0].hasSuffix("Feature "), parts[2].hasPrefix(" is deprecated") else { return nil }
        return String(parts[1])
    }

    /// `PRECONDITION_FAILED (406) - inequivalent arg 'durable' ...`.
    public var summary: String { detail.isEmpty ? replyCode.description : "\(replyCode) - \(detail)" }
}
