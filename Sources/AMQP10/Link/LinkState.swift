import AMQP10Wire

/// Where a link is in its attach and detach (AMQP 1.0 section 2.6.3).
enum LinkState: Hashable, Sendable {
    /// Our attach is sent; the peer's has not arrived.
    case attachSent
    /// Both attaches are in.
    case attached
    /// The peer attached with no terminus, which announces its detach with the reason.
    case refused
    /// Our detach is sent; the peer's has not arrived.
    case detachSent
    /// The link is over, with the peer's error when it gave one.
    case detached(AMQPError?)
}
