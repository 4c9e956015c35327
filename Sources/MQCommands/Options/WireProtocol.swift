/// Which AMQP mq speaks to the broker (`--protocol`, `MQ_PROTOCOL`, a profile's `protocol`).
enum WireProtocol: String, CaseIterable, Sendable {
    /// AMQP 0-9-1, which every verb speaks.
    case amqp091 = "0-9-1"
    /// AMQP 1.0: RabbitMQ 4's native protocol (3.x's through its plugin), and other AMQP 1.0 brokers'.
    case amqp10 = "1.0"
}

extension WireProtocol {
    /// The verbs that speak AMQP 1.0 so far, in the words help and errors say it with; every
    /// other verb is refused over 1.0 where 0-9-1 connections start.
    static let amqp10Verbs = [Publish.spec, Consume.spec, Get.spec].map(\.name)

    /// "publish, consume and get".
    static var amqp10VerbList: String {
        amqp10Verbs.dropLast().joined(separator: ", ") + (amqp10Verbs.count > 1 ? " and " : "")
            + (amqp10Verbs.last ?? "")
    }
}
