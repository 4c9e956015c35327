import AMQP
import ArgumentParsing

/// `mq purge QUEUE`.
enum Purge {
    static let queue = Argument<String>.required("QUEUE", value: OptionSpecs.queueName, help: "the queue")

    static let spec = Command(
        "purge", summary: "Remove every ready message from a queue",
        arguments: [queue],
        examples: ["mq purge orders"], action: CommandHandler(run))

    static func run(_ invocation: Invocation) throws(Failure) {
        let queue = invocation.parsed[Self.queue]
        let count = try withChannel(invocation) { channel throws(AMQPError) in try channel.purgeQueue(queue) }
        try invocation.emit(
            text: "purged \(count) messages from queue '\(queue)'",
            json: .object([("queue", .string(queue)), ("purged", .uint(UInt64(count)))]))
    }
}
