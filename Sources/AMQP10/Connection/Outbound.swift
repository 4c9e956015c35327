import AMQP10Wire

/// What a state machine asks the I/O layer to write: a protocol header or a frame.
enum Outbound: Hashable, Sendable {
    case header(ProtocolHeader)
    case frame(Frame)
}
