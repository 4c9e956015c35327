import AMQPWire
import Transport

extension Channel {
    /// Declares an exchange (`exchange.declare`); with `passive`, only checks that it exists.
    public func declareExchange(
        _ name: String, type: String = "direct", passive: Bool = false, durable: Bool = true, autoDelete: Bool = false,
        internal isInternal: Bool = false, arguments: FieldTable = [:], deadline: Deadline = .after(seconds: 30)
    ) throws(AMQPError) {
        let method = ExchangeDeclare(
            exchange: name, type: type, passive: passive, durable: durable, autoDelete: autoDelete,
            internal: isInternal, arguments: arguments)
        try call(method, context: exchangeContext(name), deadline: deadline) {
            if case .exchangeDeclareOk(let ok) = $0 { ok } else { nil }
        }
    }

    /// Deletes an exchange (`exchange.delete`).
    public func deleteExchange(_ name: String, ifUnused: Bool = false, deadline: Deadline = .after(seconds: 30))
        throws(AMQPError)
    {
        try call(ExchangeDelete(exchange: name, ifUnused: ifUnused), context: exchangeContext(name), deadline: deadline)
        {
            if case .exchangeDeleteOk(let ok) = $0 { ok } else { nil }
        }
    }

    /// Binds exchange `destination` to `source` (RabbitMQ's `exchange.bind` extension).
    public func bindExchange(
        _ destination: String, to source: String, routingKey: String = "", arguments: FieldTable = [:],
        deadline: Deadline = .after(seconds: 30)
    ) throws(AMQPError) {
        let method = ExchangeBind(
            destination: destination, source: source, routingKey: routingKey, arguments: arguments)
        try call(method, context: bindingContext(destination, source), deadline: deadline) {
            if case .exchangeBindOk(let ok) = $0 { ok } else { nil }
        }
    }

    /// Removes an exchange-to-exchange binding (`exchange.unbind`).
    public func unbindExchange(
        _ destination: String, from source: String, routingKey: String = "", arguments: FieldTable = [:],
        deadline: Deadline = .after(seconds: 30)
    ) throws(AMQPError) {
        let method = ExchangeUnbind(
            destination: destination, source: source, routingKey: routingKey, arguments: arguments)
        try call(method, context: bindingContext(destination, source), deadline: deadline) {
            if case .exchangeUnbindOk(let ok) = $0 { ok } else { nil }
        }
    }

    func exchangeContext(_ name: String) -> String { "exchange '\(name)' in vhost '\(vhost)'" }

    func bindingContext(_ destination: String, _ source: String) -> String {
        "binding of '\(destination)' to exchange '\(source)' in vhost '\(vhost)'"
    }
}
