import AMQP10Wire

extension BrokerVersion {
    /// The version a RabbitMQ gives in its AMQP 1.0 open frame's `properties` (`product`
    /// RabbitMQ, `version`), or nil from another broker or without one mq reads.
    init?(rabbitMQ properties: Map?) {
        guard case .string("RabbitMQ")? = properties?[symbol: "product"],
            case .string(let text)? = properties?[symbol: "version"]
        else { return nil }
        self.init(text)
    }
}
