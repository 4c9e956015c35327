import AMQPWire
import Synchronization

/// The serial of the last channel made in this process.
private let channelSerials = Atomic<UInt64>(0)

/// One channel's side of the protocol (spec 1.5, 4.2.6) as a state machine with no I/O: each
/// frame for the channel goes in, the reply to send (if any) comes out, and what arrived waits
/// in its queues (replies, deliveries, fetched messages, confirmations, returns).
struct ChannelMachine {
    enum State: Equatable {
        /// `channel.open` is sent and its `open-ok` is owed: methods may follow it at once.
        case opening
        case open
        /// The broker paused our publishing with `channel.flow`.
        case flowStopped
        /// We sent `channel.close` and wait for `close-ok`; everything else is discarded.
        case closing
        /// Nothing more happens on the channel; its number is free once its owner lets go.
        case closed(End)
    }

    /// Who closed a channel.
    enum End: Equatable {
        case byBroker(CloseReason)
        case byUs
    }

    let number: UInt16
    private(set) var state = State.opening
    /// Synchronous replies (`*-ok` methods), in arrival order.
    var replies = FIFO<Method>()
    /// The replies owed to methods sent without waiting (`channel.open`, `confirm.select`), by
    /// method id, oldest first: each is checked and dropped when it arrives, ahead of `replies`.
    private var owedReplies = FIFO<MethodID>()
    /// Messages delivered to this channel's consumers.
    var deliveries = FIFO<Delivery>()
    /// Messages fetched with `basic.get`.
    var fetched = FIFO<Delivery>()
    /// Confirmations not yet taken, oldest first (always taken all at once).
    var confirmations: [Confirmation] = []
    /// Returns that match no confirm-mode publish (mandatory publishes without confirms).
    var returns = FIFO<ReturnedMessage>()
    /// Set once the channel is in confirm mode.
    var confirms: ConfirmTracker?
    /// Consumers the broker cancelled (e.g. their queue was deleted).
    private(set) var cancelledConsumers: Set<String> = []
    private var content = ContentAssembly()

    /// Unique among the channels of the process, never reused: what a `DeliveryTag` names.
    let serial: UInt64

    init(number: UInt16) {
        self.number = number
        serial = channelSerials.wrappingAdd(1, ordering: .relaxed).newValue
    }

    /// Why the broker closed the channel, once it has.
    var closeReason: CloseReason? {
        if case .closed(.byBroker(let reason)) = state { reason } else { nil }
    }

    /// False while the broker has paused our publishing with `channel.flow`.
    var flowActive: Bool { state != .flowStopped }

    // MARK: - What we send

    /// A method whose reply we do not wait for was sent: its reply is checked when it arrives.
    mutating func owe(_ reply: MethodID) { owedReplies.push(reply) }

    /// `channel.close` was sent: from now on only the broker's `close-ok` (or its own close)
    /// counts. Only for a channel not already closing or closed.
    mutating func closeSent() { state = .closing }

    // MARK: - What arrives

    /// Takes one frame for this channel; returns the method to send back at once, if any.
    mutating func receive(_ frame: consuming Frame) throws(ProtocolViolation) -> ChannelReply? {
        switch state {
        case .opening, .open, .flowStopped: break
        case .closing: return receiveWhileClosing(frame)
        case .closed: return nil
        }
        switch consume frame {
        case .method(_, let method):
            guard !content.inProgress else { throw .methodInsideContent(method.id, channel: number) }
            return try receive(method)
        case .header(_, let header):
            if try content.receive(header: header, channel: number) { take(content.finish()) }
        case .body(_, let bytes):
            if try content.receive(body: bytes, channel: number) { take(content.finish()) }
        case .delivered(_, let delivered):
            guard !content.inProgress else { throw .methodInsideContent(BasicDeliver.id, channel: number) }
            let deliver = delivered.deliver
            deliveries.push(
                Delivery(
                    consumerTag: deliver.consumerTag, deliveryTag: deliver.deliveryTag,
                    redelivered: deliver.redelivered,
                    exchange: deliver.exchange, routingKey: deliver.routingKey, messageCount: nil,
                    properties: delivered.properties, body: delivered.body, channel: serial))
        case .heartbeat:
            throw .heartbeatOnChannel(number)
        }
        return nil
    }

    private mutating func receive(_ method: consuming Method) throws(ProtocolViolation) -> ChannelReply? {
        switch consume method {
        case .basicDeliver(let deliver): content.begin(.deliver(deliver))
        case .basicGetOk(let getOk): content.begin(.getOk(getOk))
        case .basicReturn(let returned): content.begin(.returned(returned))
        case .basicAck(let ack): try settle(ack.deliveryTag, multiple: ack.multiple, acked: true)
        case .basicNack(let nack): try settle(nack.deliveryTag, multiple: nack.multiple, acked: false)
        case .basicCancel(let cancel):
            cancelledConsumers.insert(cancel.consumerTag)
            return cancel.noWait ? nil : .cancelOk(consumerTag: cancel.consumerTag)
        case .channelFlow(let flow):
            if !flow.active {
                state = .flowStopped
            } else if state == .flowStopped {
                state = .open
            }
            return .flowOk(active: flow.active)
        case .channelClose(let close):
            return closedByBroker(close)
        case let reply:
            if let owed = owedReplies.pop() {
                guard reply.id == owed else { throw .owedReplyMismatch(owed: owed, got: reply.id, channel: number) }
                if owed == ChannelOpenOk.id, state == .opening { state = .open }
            } else {
                replies.push(reply)
            }
        }
        return nil
    }

    /// While closing, the spec has the peer discard everything but the close handshake.
    private mutating func receiveWhileClosing(_ frame: consuming Frame) -> ChannelReply? {
        guard case .method(_, let method) = frame else { return nil }
        switch method {
        case .channelCloseOk: state = .closed(.byUs)
        case .channelClose(let close): return closedByBroker(close)
        default: break
        }
        return nil
    }

    private mutating func closedByBroker(_ close: ChannelClose) -> ChannelReply {
        state = .closed(
            .byBroker(
                CloseReason(
                    replyCode: ReplyCode(rawValue: close.replyCode), replyText: close.replyText, classID: close.classId,
                    methodID: close.methodId)))
        return .closeOk
    }

    private mutating func settle(_ tag: UInt64, multiple: Bool, acked: Bool) throws(ProtocolViolation) {
        guard confirms != nil else { throw .confirmWithoutConfirmMode(acked: acked, channel: number) }
        let settled = try confirms!.settle(tag: tag, multiple: multiple, acked: acked)
        if confirmations.isEmpty { confirmations = settled } else { confirmations.append(contentsOf: settled) }
    }

    private mutating func take(_ message: consuming ContentAssembly.Message) {
        switch message.start {
        case .deliver(let deliver):
            deliveries.push(
                Delivery(
                    consumerTag: deliver.consumerTag, deliveryTag: deliver.deliveryTag,
                    redelivered: deliver.redelivered,
                    exchange: deliver.exchange, routingKey: deliver.routingKey, messageCount: nil,
                    properties: message.properties, body: message.body, channel: serial))
        case .getOk(let getOk):
            fetched.push(
                Delivery(
                    consumerTag: "", deliveryTag: getOk.deliveryTag, redelivered: getOk.redelivered,
                    exchange: getOk.exchange, routingKey: getOk.routingKey, messageCount: getOk.messageCount,
                    properties: message.properties, body: message.body, channel: serial))
        case .returned(let returned):
            let returnedMessage = ReturnedMessage(
                replyCode: ReplyCode(rawValue: returned.replyCode), replyText: returned.replyText,
                exchange: returned.exchange, routingKey: returned.routingKey)
            if confirms?.returned(returnedMessage) != true { returns.push(returnedMessage) }
        }
    }
}

/// What a channel answers at once to the broker's own methods.
enum ChannelReply: Equatable {
    /// `channel.close-ok`, to the broker's `channel.close`.
    case closeOk
    /// `channel.flow-ok`, to `channel.flow`.
    case flowOk(active: Bool)
    /// `basic.cancel-ok`, to the broker's `basic.cancel` of a consumer.
    case cancelOk(consumerTag: String)
}
