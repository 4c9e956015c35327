import AMQPWire

/// How a peer broke the protocol, with the reply code the spec asks a client to close with.
public enum ProtocolViolation: Error, Hashable, Sendable, CustomStringConvertible {
    /// Bytes that do not decode as AMQP 0-9-1.
    case malformed(WireError)
    /// A frame other than a method on channel 0 during the handshake.
    case frameDuringHandshake(channel: UInt16)
    /// A method that has no place in the handshake.
    case methodDuringHandshake(MethodID)
    /// connection.secure, which PLAIN authentication does not use.
    case secureChallenge
    /// A frame_max below the spec's minimum.
    case frameMaxTooSmall(proposed: UInt32, minimum: UInt32)
    /// A frame on a channel that is not open.
    case frameOnClosedChannel(UInt16)
    /// A method channel 0 does not carry.
    case unexpectedOnConnection(MethodID)
    /// A reply to another method than the one asked.
    case unexpectedReply(to: MethodID, got: MethodID)
    /// Another reply than the one owed to a method sent without waiting (channel.open, confirm.select).
    case owedReplyMismatch(owed: MethodID, got: MethodID, channel: UInt16)
    /// A method between a message's method and its last body frame.
    case methodInsideContent(MethodID, channel: UInt16)
    /// A content header with no basic.deliver, get-ok or return before it.
    case headerWithoutMethod(channel: UInt16)
    /// A body frame with no content header before it.
    case bodyWithoutHeader(channel: UInt16)
    /// Body frames longer than the size the content header announced.
    case bodyLongerThanHeader(bodySize: UInt64, channel: UInt16)
    /// A heartbeat frame on a channel other than 0.
    case heartbeatOnChannel(UInt16)
    /// basic.ack (`acked`) or basic.nack on a channel not in confirm mode.
    case confirmWithoutConfirmMode(acked: Bool, channel: UInt16)
    /// A confirm for a delivery tag never published.
    case unknownConfirm(tag: UInt64)
    /// A second confirm for one delivery tag.
    case repeatedConfirm(tag: UInt64)

    /// The reply code of the connection.close the spec asks for.
    public var replyCode: ReplyCode {
        switch self {
        case .malformed(let error): error.replyCode
        case .frameDuringHandshake, .frameOnClosedChannel, .methodInsideContent, .headerWithoutMethod,
            .bodyWithoutHeader, .heartbeatOnChannel:
            .unexpectedFrame
        case .methodDuringHandshake, .secureChallenge, .unexpectedOnConnection, .unexpectedReply, .owedReplyMismatch,
            .confirmWithoutConfirmMode,
            .unknownConfirm, .repeatedConfirm:
            .commandInvalid
        case .frameMaxTooSmall, .bodyLongerThanHeader: .syntaxError
        }
    }

    public var description: String {
        switch self {
        case .malformed(let error): "\(error)"
        case .frameDuringHandshake(let channel): "unexpected frame on channel \(channel) during the handshake"
        case .methodDuringHandshake(let method): "unexpected \(method) during the connection handshake"
        case .secureChallenge: "the broker sent connection.secure, which PLAIN authentication does not use"
        case .frameMaxTooSmall(let proposed, let minimum):
            "the broker proposed frame_max \(proposed), below the minimum \(minimum)"
        case .frameOnClosedChannel(let channel): "a frame arrived on channel \(channel), which is not open"
        case .unexpectedOnConnection(let method): "unexpected \(method) on channel 0"
        case .unexpectedReply(let method, let got): "expected a reply to \(method), got \(got)"
        case .owedReplyMismatch(let owed, let got, let channel):
            "unexpected \(got) where \(owed) was due on channel \(channel)"
        case .methodInsideContent(let method, let channel):
            "unexpected \(method) in the middle of a message on channel \(channel)"
        case .headerWithoutMethod(let channel): "unexpected content header on channel \(channel)"
        case .bodyWithoutHeader(let channel): "unexpected body frame on channel \(channel)"
        case .bodyLongerThanHeader(let size, let channel):
            "unexpected body frames longer than the \(size) bytes the header announced on channel \(channel)"
        case .heartbeatOnChannel(let channel): "unexpected heartbeat on channel \(channel)"
        case .confirmWithoutConfirmMode(let acked, let channel):
            "unexpected basic.\(acked ? "ack" : "nack") without confirm.select on channel \(channel)"
        case .unknownConfirm(let tag): "the broker confirmed delivery tag \(tag), which was never published"
        case .repeatedConfirm(let tag): "the broker confirmed delivery tag \(tag) twice"
        }
    }
}
