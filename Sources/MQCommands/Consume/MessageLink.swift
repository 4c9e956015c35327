import AMQP
import Transport

/// Where consume and get take messages from and settle them, whatever the protocol: a 0-9-1
/// `BrokerLink` (through lost connections, when reconnecting is on) or an AMQP 1.0 receiver.
protocol MessageLink: ServicedWait {
    /// Counts the connections the link has had: a tag of an earlier one means nothing now.
    var epoch: Int { get }
    /// Runs `work`, and again after each recovered loss of the connection, until it returns or
    /// fails in a way a reconnect cannot mend.
    func retrying<T>(_ work: () throws -> T) throws(Failure) -> T
    /// Sets what runs after a lost connection was replaced, before the work runs again: the
    /// consumer forgets what belonged to the lost one, and says what it has to say (nil: unset).
    func onReconnect(_ resume: (() -> String?)?)
    /// The next message before `deadline`, or the moment `descriptor` is ready for `events`
    /// (with zero events: when it hangs up or fails), whichever comes first.
    func next(until deadline: Deadline, watching descriptor: Int32, events: Int16) throws -> MessageArrival
    /// One message fetched from `queue`, nil when it has none.
    func fetch(from queue: String) throws -> ReceivedMessage?
    /// Settles as taken every delivery up to `tag` not settled yet, and sends it at once.
    func accept(upTo tag: DeliveryTag) throws
    /// Gives back, untaken, every delivery up to `tag` not settled yet, and sends it at once.
    func release(upTo tag: DeliveryTag) throws
    /// Settles the one delivery `tag` as `disposition` says, and sends it at once.
    func settle(_ tag: DeliveryTag, as disposition: Disposition) throws
    /// Publishes `body` to the queue `replyTo` names, with `correlationID`: a reply of `--exec --reply`.
    func publishReply(_ body: [UInt8], to replyTo: String, correlationID: String?) throws
}

/// What `MessageLink.next` found first.
enum MessageArrival {
    case message(ReceivedMessage)
    /// The watched descriptor is ready, with poll's `revents`.
    case descriptor(Int16)
    case timedOut
}

/// How one message is settled, in words both protocols have.
enum Disposition: Equatable {
    /// Taken: 0-9-1's ack, 1.0's `accepted`.
    case accept
    /// Back to the queue after a failed attempt: 0-9-1's requeueing reject, 1.0's `modified`
    /// with delivery-failed (the broker counts the attempt).
    case requeue
    /// Refused, not to come again (dead-lettered where the queue says): 0-9-1's reject, 1.0's
    /// `rejected`.
    case reject
    /// Back to the queue untried: 0-9-1's requeueing reject, 1.0's `released`.
    case release
}

extension MessageLink {
    /// The next message before `deadline`, or nil; watching `output` for a reader that leaves
    /// (then nil, and `output.readerGone`).
    func nextMessage(until deadline: Deadline, watching output: OutputStream) throws -> ReceivedMessage? {
        switch try next(until: deadline, watching: output.watchesReader ? output.descriptor : -1, events: 0) {
        case .message(let message): return message
        case .descriptor(let revents):
            _ = output.readerLeft(revents: revents)
            return nil
        case .timedOut: return nil
        }
    }
}
