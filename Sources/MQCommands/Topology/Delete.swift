import AMQP
import ArgumentParsing

/// `mq delete queue|exchange NAME`; the admin kinds are in `AdminObjects`.
enum Delete {
    static let queue = Argument<String>.required("NAME", value: OptionSpecs.queueName, help: "the queue")
    static let exchange = Argument<String>.required("NAME", value: OptionSpecs.exchangeName, help: "the exchange")

    static let spec = Command(
        "delete", summary: "Delete a queue, exchange, vhost, user, permission or policy",
        subcommands: [
            Subcommand(
                Command(
                    "queue", summary: "Delete a queue and the messages in it",
                    arguments: [queue],
                    options: [queueIfUnused, ifEmpty],
                    examples: ["mq delete queue orders --if-empty"], action: CommandHandler(deleteQueue))),
            Subcommand(
                Command(
                    "exchange", summary: "Delete an exchange",
                    arguments: [exchange],
                    options: [exchangeIfUnused],
                    examples: ["mq delete exchange events"], action: CommandHandler(deleteExchange))),
        ] + AdminObjects.deleteKinds)

    static let queueIfUnused = Option<Bool>.flag("if-unused", help: "only if it has no consumers")
    static let ifEmpty = Option<Bool>.flag("if-empty", help: "only if it holds no messages")
    static let exchangeIfUnused = Option<Bool>.flag("if-unused", help: "only if nothing is bound to it")

    /// `mq delete queue`.
    static func deleteQueue(_ invocation: Invocation) throws(Failure) {
        let parsed = invocation.parsed
        let name = parsed[queue]
        let count = try withChannel(invocation) { channel throws(AMQPError) in
            try channel.deleteQueue(name, ifUnused: parsed[queueIfUnused], ifEmpty: parsed[ifEmpty])
        }
        try invocation.emit(
            text: "deleted queue '\(name)' (\(count) messages)",
            json: .object([("queue", .string(name)), ("messages", .uint(UInt64(count)))]))
    }

    /// `mq delete exchange`.
    static func deleteExchange(_ invocation: Invocation) throws(Failure) {
        let name = invocation.parsed[exchange]
        try withChannel(invocation) { channel throws(AMQPError) in
            try channel.deleteExchange(name, ifUnused: invocation.parsed[exchangeIfUnused])
        }
        try invocation.emit(text: "deleted exchange '\(name)'", json: .object([("exchange", .string(name))]))
    }
}
