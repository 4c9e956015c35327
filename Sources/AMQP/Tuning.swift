/// The limits both peers agreed on in `connection.tune` / `tune-ok` (spec 1.4.2.6).
public struct Tuning: Hashable, Sendable {
    /// The highest channel number allowed; 0 means no limit.
    public var channelMax: UInt16
    /// The largest frame, header and end octet included; 0 means no limit.
    public var frameMax: UInt32
    /// Seconds between heartbeats; 0 turns them off.
    public var heartbeat: UInt16

    public init(channelMax: UInt16, frameMax: UInt32, heartbeat: UInt16) {
        self.channelMax = channelMax
        self.frameMax = frameMax
        self.heartbeat = heartbeat
    }

    /// Agrees on each limit: the lower of the two non-zero proposals (0 means "no limit"), except
    /// that a client asking for no heartbeats gets none whatever the server proposed: the
    /// interval in tune-ok is the client's to choose (spec 1.4.2.6.1), and 0 turns them off.
    public static func negotiate(client: Tuning, server: Tuning) -> Tuning {
        func lower<T: FixedWidthInteger>(_ a: T, _ b: T) -> T { a == 0 ? b : b == 0 ? a : min(a, b) }
        return Tuning(
            channelMax: lower(client.channelMax, server.channelMax),
            frameMax: lower(client.frameMax, server.frameMax),
            heartbeat: client.heartbeat == 0 ? 0 : lower(client.heartbeat, server.heartbeat))
    }
}
