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

    /// The broker's text without its leading `CODE_NAME - `, which our rendering already shows.
    public var detail: String {
        let prefix = replyCode.name + " - "
        return replyText.hasPrefix(prefix) ? String(replyText.dropFirst(prefix.count)) : replyText
    }

    /// `PRECONDITION_FAILED (406) - inequivalent arg 'durable' ...`.
    public var summary: String { detail.isEmpty ? replyCode.description : "\(replyCode) - \(detail)" }
}
