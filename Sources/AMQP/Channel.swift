import AMQPWire
import Transport

/// An AMQP channel: where queues are declared, messages published and consumed.
///
/// When the broker closes the channel (a soft error such as 404 or 406), the operation that
/// caused it throws `AMQPError.channelClosed`, and so does every later call.
public final class Channel {
    /// The connection this channel belongs to.
    public let connection: Connection
    /// The channel number.
    public let number: UInt16
    /// This channel's protocol state, shared with the connection's table until the channel closes.
    let cell: ChannelCell
    /// The frames the last message published here started with, to copy for the next one to the
    /// same place.
    var publishHead: PublishHead?

    init(connection: Connection, cell: ChannelCell) {
        self.connection = connection
        self.cell = cell
        number = cell.machine.number
    }

    /// Why the broker closed this channel, if it has.
    public var closeReason: CloseReason? { cell.machine.closeReason }

    /// Closes the channel (`channel.close`, then waiting for `close-ok`). Safe to call twice.
    public func close(deadline: Deadline = .after(seconds: 5)) throws(AMQPError) {
        switch cell.machine.state {
        case .opening, .open, .flowStopped: break
        case .closing, .closed: return
        }
        defer { retire() }
        try connection.send(
            ChannelClose(replyCode: ReplyCode.success.rawValue, replyText: "closed by mq"), channel: number)
        cell.machine.closeSent()
        let end = try connection.wait(until: deadline) { () -> ChannelMachine.End? in
            if case .closed(let end) = cell.machine.state { end } else { nil }
        }
        switch end {
        case .byUs: return
        case .byBroker(let reason): throw .channelClosed(reason, context: nil)
        case nil: throw .timedOut(waitingFor: ChannelClose.name)
        }
    }

    /// Takes the channel out of the connection's table, freeing the number for a new channel.
    private func retire() { connection.retire(channel: number, cell: cell) }

    /// Sends a synchronous method and waits for its reply, which `reply` picks out.
    ///
    /// - Parameter context: names the resource for error messages, e.g. `queue 'orders' in vhost '/'`.
    /// - Parameter reply: returns the reply's payload, or nil for any other method.
    @discardableResult
    func call<M: MethodPayload, Reply>(
        _ method: M, context: String?, deadline: Deadline, reply: (Method) -> Reply?
    ) throws(AMQPError) -> Reply {
        try send(method, context: context)
        let answer = try connection.wait(until: deadline) { () throws(AMQPError) -> Reply? in
            try checkOpen(context: context)
            guard let next = cell.machine.replies.pop() else { return nil }
            guard let answer = reply(next) else {
                throw AMQPError.protocolViolation(.unexpectedReply(to: M.id, got: next.id))
            }
            return answer
        }
        guard let answer else { throw .timedOut(waitingFor: M.name) }
        return answer
    }

    /// Queues a synchronous method without waiting for its reply, so that it travels with the next
    /// ones: the reply is checked when it arrives, and a wrong one fails the connection.
    func sendOwingReply<M: MethodPayload, Reply: MethodPayload>(_ method: M, reply: Reply.Type) throws(AMQPError) {
        try send(method, context: nil)
        cell.machine.owe(Reply.id)
    }

    /// Queues a method for sending, failing if the channel is closed.
    func send<M: MethodPayload>(_ method: M, context: String?) throws(AMQPError) {
        try checkOpen(context: context)
        try connection.send(method, channel: number)
    }

    /// Throws the broker's reason if it has closed this channel, or `closed` once we closed it.
    func checkOpen(context: String?) throws(AMQPError) {
        switch cell.machine.state {
        case .opening, .open, .flowStopped: return
        case .closing, .closed(.byUs): throw .closed(.channel(number))
        case .closed(.byBroker(let reason)):
            retire()
            throw .channelClosed(reason, context: context)
        }
    }

    /// The vhost, for error contexts.
    var vhost: String { connection.settings.virtualHost }
}
