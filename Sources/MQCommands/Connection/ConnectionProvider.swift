import AMQP

/// Where a part that waits on something else (a reader, a writer) gets the connection to keep
/// serviced meanwhile: a `BrokerLink`, whose connection is replaced after a loss, or a plain
/// `Connection` that is never replaced.
protocol ConnectionProvider: AnyObject {
    /// The connection to service now.
    var connection: Connection { get }
    /// True when a lost connection is replaced: a wait may then outlive it.
    var survivesLoss: Bool { get }
}

extension BrokerLink: ConnectionProvider {
    var survivesLoss: Bool { policy.enabled }
}

extension Connection: ConnectionProvider {
    public var connection: Connection { self }
    var survivesLoss: Bool { false }
}
