import AMQPWire
import Transport

extension Channel {
    /// Limits how many unacknowledged messages the broker sends this channel's consumers
    /// (`basic.qos`, per consumer as RabbitMQ reads `global = false`).
    public func setPrefetch(count: UInt16, global: Bool = false, deadline: Deadline = .after(seconds: 30))
        throws(AMQPError)
    {
        try call(BasicQos(prefetchCount: count, global: global), context: nil, deadline: deadline) {
            if case .basicQosOk(let ok) = $0 { ok } else { nil }
        }
    }

    /// Starts a consumer on `queue` (`basic.consume`); returns its consumer tag.
    ///
    /// Deliveries then arrive through `nextDelivery(deadline:)`.
    @discardableResult
    public func consume(
        queue: String, tag: String = "", noAck: Bool = false, exclusive: Bool = false, arguments: FieldTable = [:],
        deadline: Deadline = .after(seconds: 30)
    ) throws(AMQPError) -> String {
        let method = BasicConsume(
            queue: queue, consumerTag: tag, noAck: noAck, exclusive: exclusive, arguments: arguments)
        let ok = try call(method, context: queueContext(queue), deadline: deadline) {
            if case .basicConsumeOk(let ok) = $0 { ok } else { nil }
        }
        return ok.consumerTag
    }

    /// Stops a consumer (`basic.cancel`). Messages already delivered stay unacknowledged.
    public func cancel(consumerTag: String, deadline: Deadline = .after(seconds: 30)) throws(AMQPError) {
        guard !cell.machine.cancelledConsumers.contains(consumerTag) else { return }
        try call(BasicCancel(consumerTag: consumerTag), context: nil, deadline: deadline) {
            if case .basicCancelOk(let ok) = $0 { ok } else { nil }
        }
    }

    /// The next message for this channel's consumers, or nil when none arrives before `deadline`.
    ///
    /// Throws `AMQPError.consumerCancelled` when the broker cancelled a consumer and no
    /// delivery is left.
    public func nextDelivery(deadline: Deadline) throws(AMQPError) -> Delivery? {
        // The wait asks a cheap question (is one ready?) on every frame; the delivery itself moves
        // only once, at the end.
        let ready = try connection.wait(until: deadline) { () throws(AMQPError) -> Bool? in try deliveryReady() }
        return ready == true ? cell.machine.deliveries.pop() : nil
    }

    /// True when a delivery has arrived and waits to be taken by `nextDelivery`.
    public var hasDeliveryWaiting: Bool { !cell.machine.deliveries.isEmpty }

    /// What `nextDelivery(deadline:watching:events:)` found first.
    public enum DeliveryOrEvent {
        case delivery(Delivery)
        /// The watched descriptor is ready, with poll's `revents`.
        case descriptor(Int16)
        case timedOut
    }

    /// The next message for this channel's consumers, or the moment `descriptor` is ready for
    /// `events` (with zero events: when it hangs up or fails), whichever comes first: how a
    /// consumer notices at once that the reader of its output has gone.
    public func nextDelivery(deadline: Deadline, watching descriptor: Int32, events: Int16) throws(AMQPError)
        -> DeliveryOrEvent
    {
        let waited = try connection.wait(until: deadline, watching: descriptor, events: events) {
            () throws(AMQPError) -> Bool? in
            try deliveryReady()
        }
        switch waited {
        case .ready: return cell.machine.deliveries.pop().map(DeliveryOrEvent.delivery) ?? .timedOut
        case .descriptor(let revents): return .descriptor(revents)
        case .timedOut: return .timedOut
        }
    }

    /// True when a delivery is waiting, nil when not; throws when the channel closed or a
    /// consumer was cancelled with nothing left to deliver.
    private func deliveryReady() throws(AMQPError) -> Bool? {
        if !cell.machine.deliveries.isEmpty { return true }
        try checkOpen(context: nil)
        if !cell.machine.cancelledConsumers.isEmpty, let tag = cell.machine.cancelledConsumers.first {
            throw AMQPError.consumerCancelled(tag: tag)
        }
        return nil
    }

    /// Fetches one message (`basic.get`); nil when the queue is empty.
    public func get(queue: String, noAck: Bool = false, deadline: Deadline = .after(seconds: 30)) throws(AMQPError)
        -> Delivery?
    {
        try send(BasicGet(queue: queue, noAck: noAck), context: queueContext(queue))
        let result = try connection.wait(until: deadline) { () throws(AMQPError) -> Delivery?? in
            if let delivery = cell.machine.fetched.pop() { return .some(delivery) }
            try checkOpen(context: queueContext(queue))
            guard let reply = cell.machine.replies.pop() else { return nil }
            guard case .basicGetEmpty = reply else {
                throw AMQPError.protocolViolation(.unexpectedReply(to: BasicGet.id, got: reply.id))
            }
            return .some(nil)
        }
        guard let result else { throw .timedOut(waitingFor: "basic.get") }
        return result
    }

    /// This channel's serial: unique in the process, never reused (see `DeliveryTag`).
    public var serial: UInt64 { cell.machine.serial }

    /// True when `tag` is one of this channel's deliveries.
    public func owns(_ tag: DeliveryTag) -> Bool { tag.channel == serial }

    /// Acknowledges a delivery (and with `multiple`, every earlier one). Sent at the next flush.
    /// A tag of another channel is not sent (see `DeliveryTag`); false then.
    @discardableResult
    public func ack(_ tag: DeliveryTag, multiple: Bool = false) throws(AMQPError) -> Bool {
        guard owns(tag) else { return false }
        try settle(BasicAck(deliveryTag: tag.value, multiple: multiple))
        return true
    }

    /// Rejects a delivery (and with `multiple`, every earlier one), requeueing it or not. A tag
    /// of another channel is not sent; false then.
    @discardableResult
    public func nack(_ tag: DeliveryTag, multiple: Bool = false, requeue: Bool = true) throws(AMQPError) -> Bool {
        guard owns(tag) else { return false }
        try settle(BasicNack(deliveryTag: tag.value, multiple: multiple, requeue: requeue))
        return true
    }

    /// Rejects one delivery (`basic.reject`). A tag of another channel is not sent; false then.
    @discardableResult
    public func reject(_ tag: DeliveryTag, requeue: Bool = true) throws(AMQPError) -> Bool {
        guard owns(tag) else { return false }
        try settle(BasicReject(deliveryTag: tag.value, requeue: requeue))
        return true
    }

    /// Queues a settlement once what has arrived is taken in: a close that came first fails it
    /// (see `Connection.takeArrived`).
    private func settle<M: MethodPayload>(_ method: M) throws(AMQPError) {
        try connection.takeArrived()
        try send(method, context: nil)
    }

    /// Asks the broker to redeliver every unacknowledged message of this channel (`basic.recover`).
    public func recover(requeue: Bool = true, deadline: Deadline = .after(seconds: 30)) throws(AMQPError) {
        try call(BasicRecover(requeue: requeue), context: nil, deadline: deadline) {
            if case .basicRecoverOk(let ok) = $0 { ok } else { nil }
        }
    }
}
