import AMQP

extension AMQPError {
    /// True for any breach of the protocol by the peer (whichever it was).
    var isProtocolViolation: Bool {
        if case .protocolViolation = self { true } else { false }
    }
}
