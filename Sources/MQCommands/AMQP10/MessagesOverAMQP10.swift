import AMQP
import ArgumentParsing
import Transport

/// `mq consume` and `mq get` over AMQP 1.0 (`--protocol 1.0`): a receiver link from the queue's
/// address (`AMQP10Address`), written out and settled as over 0-9-1: `accepted` once the reader
/// has taken a message, `released` (back to the queue) for what it did not take.
enum MessagesOverAMQP10 {
    /// The options of consume that have no AMQP 1.0 path yet: the exchange tap, `--no-ack`,
    /// `--reply`, and every stream option.
    static let unsupportedByConsume: [String] =
        [Consume.exchange.spec, Consume.keys.spec, Consume.noAck.spec, Consume.reply.spec].map(\.name)
        + StreamOptions.group.options.map(\.name)

    /// Consumes QUEUE with a credit of the prefetch until `--count`, `--timeout`, a signal, or a
    /// reader that leaves; with `--exec`, runs a command per message and settles each as its
    /// exit status says.
    static func consume(_ invocation: Invocation) throws(Failure) {
        let parsed = invocation.parsed
        for name in unsupportedByConsume where parsed.isSet(name) {
            throw Failure(.usage(.notOverAMQP10(option: "--" + name)))
        }
        let limit = parsed[Consume.count]
        let queue = parsed[Consume.queue] ?? ""
        let exec = try Consume.execConsumer(invocation)
        let prefetch = Consume.prefetch(parsed, exec: exec)
        Signals.install()
        let broker = try AMQP10Broker(invocation)
        defer { broker.connection.close() }
        let format = MessageFormat.chosen(parsed, queue: queue)
        let link = try AMQP10MessageLink(
            broker: broker, address: AMQP10Address.source(queue: queue, form: broker.addressForm),
            credit: UInt32(prefetch), limit: limit, keepsBeyond: format.showsBeyondAMQP091,
            invocation: invocation)
        let ended = try Consume.runConsumer(
            invocation, link: link, exec: exec, format: format, reading: StreamReading(), prefetch: prefetch,
            noAck: false, redelivers: false, exact: false, madeWriter: { _ in })
        try Consume.finish(timedOut: ended.timedOut, handled: ended.handled, failed: ended.failed, limit: limit)
    }

    /// Fetches up to `--count` messages from QUEUE, each with one credit and a drain.
    static func get(_ invocation: Invocation) throws(Failure) {
        let queue = invocation.parsed[Get.queue]
        let format = MessageFormat.chosen(invocation.parsed, queue: queue)
        let broker = try AMQP10Broker(invocation)
        defer { broker.connection.close() }
        try broker.require(.amqp10Drain)
        let link = try AMQP10MessageLink(
            broker: broker, address: AMQP10Address.source(queue: queue, form: broker.addressForm), credit: 0,
            limit: nil, keepsBeyond: format.showsBeyondAMQP091, invocation: invocation)
        try Get.fetch(invocation, from: link, format: format)
    }
}
