/// Which AMQP mq speaks to the broker (`--protocol`, `MQ_PROTOCOL`, a profile's `protocol`).
enum WireProtocol: String, CaseIterable, Sendable {
    /// AMQP 0-9-1, which every verb speaks.
    case amqp091 = "0-9-1"
    /// AMQP 1.0: RabbitMQ 4's native protocol (3.x's through its plugin), and other AMQP 1.0 brokers'.
    case amqp10 = "1.0"
}
