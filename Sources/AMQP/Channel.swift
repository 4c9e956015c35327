import AMQPWire
import Transport

/// An AMQP channel: where queues are declared, messages published and consumed.
///
/// When the broker closes the channel (a soft error such as 404 or 406), the operation that
/// caused it throws `AMQPError.channelClosed`, and so does every later call.
public final class Channel {
    /// The connection this channel belongs to.
    public let connection: Connection
    let state: ChannelState
    private var closedByUs = false

    init(connection: Connection, state: ChannelState) {
        self.connection = connection
        self.state = state
    }

    /// The channel number.
    public var number: UInt16 { state.number }

    /// Why the broker closed this channel, if it has.
    public var closeReason: CloseReason? { state.closeReason }

    /// Closes the channel (`channel.close`, then waiting for `close-ok`). Safe to call twice.
    public func close(deadline: Deadline = .after(seconds: 5)) throws(AMQPError) {
        guard !closedByUs, state.closeReason == nil else { return }
        defer {
            closedByUs = true
            connection.forget(channel: number)
        }
        try call(ChannelClose(replyCode: ReplyCode.success.rawValue, replyText: "closed by mq"), context: nil, deadline: deadline) {
            if case .channelCloseOk(let ok) = $0 { ok } else { nil }
        }
    }

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
            guard let next = state.replies.pop() else { return nil }
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
        state.owedReplies.push(Reply.id)
    }

    /// Queues a method for sending, failing if the channel is closed.
    func send<M: MethodPayload>(_ method: M, context: String?) throws(AMQPError) {
        try checkOpen(context: context)
        try connection.send(method, channel: number)
    }

    /// Throws the broker's reason if it has closed this channel.
    func checkOpen(context: String?) throws(AMQPError) {
        if let reason = state.closeReason {
            connection.forget(channel: number)
            throw .channelClosed(reason, context: context)
        }
        if closedByUs { throw .closed(.channel(number)) }
    }

    /// The vhost, for error contexts.
    var vhost: String { connection.settings.virtualHost }
}
