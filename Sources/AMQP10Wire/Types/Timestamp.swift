/// An AMQP timestamp (spec 1.6.17): milliseconds since the Unix epoch, leap seconds left out.
public struct Timestamp: Hashable, Sendable {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var millisecondsSince1970: Int64

    /// The instant `millisecondsSince1970` milliseconds after the epoch.
    public init(millisecondsSince1970: Int64) { self.millisecondsSince1970 = millisecondsSince1970 }
}
