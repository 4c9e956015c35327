import AMQP
import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// Where a part that waits on something else (a reader, a writer) gets the connection to keep
/// serviced meanwhile: a `BrokerLink`, whose connection is replaced after a loss, or a plain
/// `Connection` that is never replaced.
protocol ConnectionProvider: ServicedWait {
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

extension ConnectionProvider {
    func service(until deadline: Deadline, watching descriptor: Int32, events: Int16) throws(Failure) -> Int16? {
        try reportingFailures { try connection.wait(forDescriptor: descriptor, events: events, until: deadline) }
    }

    func service(until deadline: Deadline) throws(Failure) {
        try reportingFailures { try connection.pause(until: deadline) }
    }

    func waitForRoom(in descriptor: Int32) throws(Failure) {
        do throws(AMQPError) {
            _ = try connection.wait(forDescriptor: descriptor, events: Int16(POLLOUT), until: .distantFuture)
        } catch {
            guard survivesLoss, error.isRecoverableLoss else { throw Failure(error) }
            var entry = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
            while poll(&entry, 1, 250) <= 0 {
                if let signal = Signals.pending { throw Failure(.signal(signal)) }
            }
        }
    }
}
