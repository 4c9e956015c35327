import AMQP

extension AMQPError {
    /// The case without its payload, for tests that check which error it is and not its wording.
    var caseName: String {
        switch self {
        case .hostNotFound: "hostNotFound"
        case .connectFailed: "connectFailed"
        case .connectTimedOut: "connectTimedOut"
        case .tlsFailed: "tlsFailed"
        case .tlsConfiguration: "tlsConfiguration"
        case .unsupportedProtocol: "unsupportedProtocol"
        case .accessRefused: "accessRefused"
        case .vhostRefused: "vhostRefused"
        case .channelClosed: "channelClosed"
        case .connectionClosed: "connectionClosed"
        case .protocolViolation: "protocolViolation"
        case .heartbeatTimeout: "heartbeatTimeout"
        case .connectionLost: "connectionLost"
        case .timedOut: "timedOut"
        case .closed: "closed"
        case .consumerCancelled: "consumerCancelled"
        case .invalidArgument: "invalidArgument"
        }
    }
}
