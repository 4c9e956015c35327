import AMQP
import JSON

/// Counts what became of published messages, and reports each one that was not confirmed.
struct Tally {
    var published = 0
    var confirmed = 0
    var returned = 0
    var nacked = 0
    /// Invalid NDJSON lines passed over with --skip-invalid.
    var skipped = 0
    /// Times the connection was lost and got back.
    var reconnects = 0
    /// Messages published again after a reconnect because the lost channel had not confirmed
    /// them: the most the broker may hold twice.
    var republished = 0

    mutating func add(_ confirmations: [Confirmation], invocation: Invocation) {
        for confirmation in confirmations {
            switch confirmation.outcome {
            case .acked: confirmed += 1
            case .nacked:
                nacked += 1
                invocation.note("message \(confirmation.sequence) was nacked by the broker")
            case .returned(let message):
                returned += 1
                invocation.note(
                    "message \(confirmation.sequence) was returned: no queue is bound to exchange "
                        + "'\(message.exchange)' with routing key '\(message.routingKey)' (\(message.replyCode))"
                )
            }
        }
    }

    func summary(unconfirmed: Int) -> String {
        "\(confirmed) of \(published) messages confirmed, \(unconfirmed) unconfirmed"
    }

    var json: JSON {
        .object([
            ("published", .int(Int64(published))), ("confirmed", .int(Int64(confirmed))),
            ("returned", .int(Int64(returned))), ("nacked", .int(Int64(nacked))), ("skipped", .int(Int64(skipped))),
            ("reconnects", .int(Int64(reconnects))), ("republished", .int(Int64(republished))),
        ])
    }
}
