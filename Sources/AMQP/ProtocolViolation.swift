import AMQPWire

/// How a peer broke the protocol, with the reply code the spec asks a client to close with.
public enum ProtocolViolation: Hashable, Sendable, CustomStringConvertible {
    /// Bytes that do not decode as AMQP 0-9-1.
    case malformed(WireError)
    /// A frame other than a method on channel 0 during the handshake.
    case frameDuringHandshake(channel: UInt16)
    /// A method that has no place in the handshake.
    case methodDuringHandshake(String)
    /// connection.secure, which PLAIN authentication does not use.
    case secureChallenge
    /// A frame_max below the spec's minimum.
    case frameMaxTooSmall(proposed: UInt32, minimum: UInt32)
    /// A frame on a channel that is not open.
    case frameOnClosedChannel(UInt16)
    /// A method channel 0 does not carry.
    case unexpectedOnConnection(String)
    /// Something (a method, a content frame) out of place on an open channel.
    case unexpectedOnChannel(String, channel: UInt16)
    /// A reply to another method than the one asked.
    case unexpectedReply(to: String, got: String)
    /// A confirm for a delivery tag never published.
    case unknownConfirm(tag: UInt64)
    /// A second confirm for one delivery tag.
    case repeatedConfirm(tag: UInt64)

    /// The reply code of the connection.close the spec asks for.
    public var replyCode: ReplyCode {
        switch self {
        case .malformed(let error): error.replyCode
        case .frameDuringHandshake, .frameOnClosedChannel: .unexpectedFrame
        case .methodDuringHandshake, .secureChallenge, .unexpectedOnConnection, .unexpectedOnChannel, .unexpectedReply, .unknownConfirm,
            .repeatedConfirm:
            .commandInvalid
        case .frameMaxTooSmall: .syntaxError
        }
    }

    public var description: String {
        switch self {
        case .malformed(let error): "\(error)"
        case .frameDuringHandshake(let channel): "unexpected frame on channel \(channel) during the handshake"
        case .methodDuringHandshake(let method): "unexpected \(method) during the connection handshake"
        case .secureChallenge: "the broker sent connection.secure, which PLAIN authentication does not use"
        case .frameMaxTooSmall(let proposed, let minimum): "the broker proposed frame_max \(proposed), below the minimum \(minimum)"
        case .frameOnClosedChannel(let channel): "a frame arrived on channel \(channel), which is not open"
        case .unexpectedOnConnection(let method): "unexpected \(method) on channel 0"
        case .unexpectedOnChannel(let what, let channel): "unexpected \(what) on channel \(channel)"
        case .unexpectedReply(let method, let got): "expected a reply to \(method), got \(got)"
        case .unknownConfirm(let tag): "the broker confirmed delivery tag \(tag), which was never published"
        case .repeatedConfirm(let tag): "the broker confirmed delivery tag \(tag) twice"
        }
    }
}
