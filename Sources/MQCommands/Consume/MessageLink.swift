import AMQP
import Transport

/// Where consume and get take messages from and settle them, whatever the protocol: a 0-9-1
/// `BrokerLink` (through lost connections, when reconnecting is on) or an AMQP 1.0 receiver.
protocol MessageLink: ServicedWait {
    /// Runs `work`, and again after each recovered loss of the connection, until it returns or
    /// fails in a way a reconnect cannot mend.
    func retrying<T>(_ work: () throws -> T) throws(Failure) -> T
    /// Sets what runs after a lost connection was replaced, before the work runs again: the
    /// consumer forgets what belonged to the lost one, and says what it has to say (nil: unset).
    func onReconnect(_ resume: (() -> String?)?)
    /// The next message before `deadline`, or nil; watching `output` for a reader that leaves
    /// (then nil, and `output.readerGone`).
    func nextMessage(until deadline: Deadline, watching output: OutputStream) throws -> ReceivedMessage?
    /// One message fetched from `queue`, nil when it has none.
    func fetch(from queue: String) throws -> ReceivedMessage?
    /// Settles as taken every delivery up to `tag` not settled yet, and sends it at once.
    func accept(upTo tag: DeliveryTag) throws
    /// Gives back, untaken, every delivery up to `tag` not settled yet, and sends it at once.
    func release(upTo tag: DeliveryTag) throws
}
