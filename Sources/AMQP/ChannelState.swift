import AMQPWire

/// What the connection keeps for one open channel: replies, deliveries, confirms and content
/// being assembled from header and body frames. Fed one frame at a time; no I/O.
final class ChannelState {
    let number: UInt16
    /// Synchronous replies (`*-ok` methods), in arrival order.
    var replies = FIFO<Method>()
    /// The replies owed to methods sent without waiting (`channel.open`, `confirm.select`), by
    /// method id, oldest first: each is checked and dropped when it arrives, ahead of `replies`.
    var owedReplies = FIFO<MethodID>()
    /// Messages delivered to this channel's consumers.
    var deliveries = FIFO<Delivery>()
    /// Messages fetched with `basic.get`.
    var fetched = FIFO<Delivery>()
    /// Confirmations not yet taken, oldest first (always taken all at once).
    var confirmations: [Confirmation] = []
    /// Returns that match no confirm-mode publish (mandatory publishes without confirms).
    var returns = FIFO<ReturnedMessage>()
    var confirms: ConfirmTracker?
    /// Consumers the broker cancelled (e.g. their queue was deleted).
    var cancelledConsumers: Set<String> = []
    /// Why the broker closed the channel, once it has.
    var closeReason: CloseReason?
    /// False while the broker has paused our publishing with `channel.flow`.
    var flowActive = true

    private enum Content {
        case deliver(BasicDeliver)
        case getOk(BasicGetOk)
        case returned(BasicReturn)
    }

    private var content: Content?
    private var contentHeader: ContentHeader?
    private var body: [UInt8] = []

    init(number: UInt16) { self.number = number }

    /// Takes one frame for this channel; returns the methods to send back at once.
    func receive(_ frame: consuming Frame) throws(AMQPError) -> [Method] {
        switch consume frame {
        case .method(_, let method):
            guard content == nil else { throw violation(.methodInsideContent(method.id, channel: number)) }
            return try receive(method)
        case .header(_, let header):
            guard content != nil, contentHeader == nil else { throw violation(.headerWithoutMethod(channel: number)) }
            contentHeader = header
            body = []
            try completeContentIfDone()
        case .body(_, let bytes):
            guard let header = contentHeader else { throw violation(.bodyWithoutHeader(channel: number)) }
            guard UInt64(body.count + bytes.count) <= header.bodySize else {
                throw violation(.bodyLongerThanHeader(bodySize: header.bodySize, channel: number))
            }
            if body.isEmpty, UInt64(bytes.count) == header.bodySize {
                body = bytes  // The usual case, one body frame: no copy.
            } else {
                // Spanning frames: room for the whole body once (bounded, the size is the peer's claim).
                if body.isEmpty { body.reserveCapacity(Int(min(header.bodySize, 1 << 26))) }
                body.append(contentsOf: bytes)
            }
            try completeContentIfDone()
        case .heartbeat:
            throw violation(.heartbeatOnChannel(number))
        }
        return []
    }

    private func receive(_ method: consuming Method) throws(AMQPError) -> [Method] {
        guard closeReason == nil else { return [] }
        switch consume method {
        case .basicDeliver(let deliver): content = .deliver(deliver)
        case .basicGetOk(let getOk): content = .getOk(getOk)
        case .basicReturn(let returned): content = .returned(returned)
        case .basicAck(let ack): try settle(ack.deliveryTag, multiple: ack.multiple, acked: true)
        case .basicNack(let nack): try settle(nack.deliveryTag, multiple: nack.multiple, acked: false)
        case .basicCancel(let cancel):
            cancelledConsumers.insert(cancel.consumerTag)
            return cancel.noWait ? [] : [.basicCancelOk(BasicCancelOk(consumerTag: cancel.consumerTag))]
        case .channelFlow(let flow):
            flowActive = flow.active
            return [.channelFlowOk(ChannelFlowOk(active: flow.active))]
        case .channelClose(let close):
            closeReason = CloseReason(
                replyCode: ReplyCode(rawValue: close.replyCode), replyText: close.replyText, classID: close.classId, methodID: close.methodId)
            return [.channelCloseOk(ChannelCloseOk())]
        case let reply:
            if let owed = owedReplies.pop() {
                guard reply.id == owed else { throw violation(.owedReplyMismatch(owed: owed, got: reply.id, channel: number)) }
            } else {
                replies.push(reply)
            }
        }
        return []
    }

    private func settle(_ tag: UInt64, multiple: Bool, acked: Bool) throws(AMQPError) {
        guard confirms != nil else { throw violation(.confirmWithoutConfirmMode(acked: acked, channel: number)) }
        let settled = try confirms!.settle(tag: tag, multiple: multiple, acked: acked)
        if confirmations.isEmpty { confirmations = settled } else { confirmations.append(contentsOf: settled) }
    }

    private func completeContentIfDone() throws(AMQPError) {
        guard let header = contentHeader, content != nil, UInt64(body.count) == header.bodySize else { return }
        // Moved out, not copied: this runs once for every message.
        let method = content.take()!
        contentHeader = nil
        var bytes: [UInt8] = []
        swap(&bytes, &body)
        switch method {
        case .deliver(let deliver):
            deliveries.push(
                Delivery(
                    consumerTag: deliver.consumerTag, deliveryTag: deliver.deliveryTag, redelivered: deliver.redelivered,
                    exchange: deliver.exchange, routingKey: deliver.routingKey, messageCount: nil,
                    properties: header.properties, body: bytes))
        case .getOk(let getOk):
            fetched.push(
                Delivery(
                    consumerTag: "", deliveryTag: getOk.deliveryTag, redelivered: getOk.redelivered,
                    exchange: getOk.exchange, routingKey: getOk.routingKey, messageCount: getOk.messageCount,
                    properties: header.properties, body: bytes))
        case .returned(let returned):
            let message = ReturnedMessage(
                replyCode: ReplyCode(rawValue: returned.replyCode), replyText: returned.replyText,
                exchange: returned.exchange, routingKey: returned.routingKey)
            if confirms?.returned(message) != true { returns.push(message) }
        }
    }

    private func violation(_ violation: ProtocolViolation) -> AMQPError { .protocolViolation(violation) }
}
