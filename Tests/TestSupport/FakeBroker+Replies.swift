import AMQPWire

extension FakeBroker {
    /// Reads `count` methods on `channel`, answering each synchronous one as RabbitMQ would, and
    /// returns them in arrival order. Content frames (after `basic.publish`) are skipped.
    public func answer(_ count: Int, channel: UInt16 = 1) throws -> [Method] {
        var received: [Method] = []
        while received.count < count {
            let frame = try receiveFrame()
            switch frame {
            case .method(channel, let method):
                received.append(method)
                if let reply = Self.reply(to: method) { try send(Frame.method(channel: channel, reply)) }
            case .header(channel, _), .body(channel, _):
                continue
            case .method, .header, .body, .heartbeat, .delivered:
                throw FakeBrokerError.unexpected(
                    "expected a method on channel \(channel), got a frame on channel \(frame.channel)")
            }
        }
        return received
    }

    /// RabbitMQ's answer to a synchronous method; nil for asynchronous ones (acks, publishes).
    ///
    /// A declared server-named queue is called `amq.gen-1`; declare-ok reports 3 messages and
    /// 1 consumer, purge-ok 5 messages, delete-ok 2.
    public static func reply(to method: Method) -> Method? {
        switch method {
        case .exchangeDeclare: .exchangeDeclareOk(ExchangeDeclareOk())
        case .exchangeDelete: .exchangeDeleteOk(ExchangeDeleteOk())
        case .exchangeBind: .exchangeBindOk(ExchangeBindOk())
        case .exchangeUnbind: .exchangeUnbindOk(ExchangeUnbindOk())
        case .queueDeclare(let declare):
            .queueDeclareOk(
                QueueDeclareOk(
                    queue: declare.queue.isEmpty ? "amq.gen-1" : declare.queue, messageCount: 3, consumerCount: 1))
        case .queueBind: .queueBindOk(QueueBindOk())
        case .queueUnbind: .queueUnbindOk(QueueUnbindOk())
        case .queuePurge: .queuePurgeOk(QueuePurgeOk(messageCount: 5))
        case .queueDelete: .queueDeleteOk(QueueDeleteOk(messageCount: 2))
        case .basicQos: .basicQosOk(BasicQosOk())
        case .basicConsume(let consume):
            .basicConsumeOk(
                BasicConsumeOk(consumerTag: consume.consumerTag.isEmpty ? "amq.ctag-1" : consume.consumerTag))
        case .basicCancel(let cancel): .basicCancelOk(BasicCancelOk(consumerTag: cancel.consumerTag))
        case .basicRecover: .basicRecoverOk(BasicRecoverOk())
        case .channelOpen: .channelOpenOk(ChannelOpenOk())
        case .channelClose: .channelCloseOk(ChannelCloseOk())
        case .confirmSelect: .confirmSelectOk(ConfirmSelectOk())
        case .txSelect: .txSelectOk(TxSelectOk())
        case .txCommit: .txCommitOk(TxCommitOk())
        case .txRollback: .txRollbackOk(TxRollbackOk())
        default: nil
        }
    }
}
