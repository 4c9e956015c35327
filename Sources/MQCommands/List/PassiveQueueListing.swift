import AMQP
import AMQPWire
import JSON

/// `mq list queues NAME...` when the management API cannot be reached: a passive
/// `queue.declare` per name still tells the ready messages and consumers, at once.
enum PassiveQueueListing {
    /// The columns a passive declare can fill.
    static let columns = [Column("name"), Column("vhost"), Column("ready", ["messages_ready"]), Column("consumers")]

    /// One object per queue that exists in the AMQP settings' vhost; the others are left out.
    static func objects(_ names: [String], _ invocation: Invocation) throws(Failure) -> [JSON] {
        let vhost = try invocation.settingsVhost()
        let (connection, firstChannel) = try invocation.connect()
        var channel = firstChannel
        defer { connection.close() }
        var found: [JSON] = []
        for name in names {
            do {
                let info = try channel.declareQueue(name, passive: true)
                found.append(
                    .object([
                        ("name", .string(name)), ("vhost", .string(vhost)),
                        ("messages_ready", .uint(UInt64(info.messageCount))),
                        ("consumers", .uint(UInt64(info.consumerCount))),
                    ]))
            } catch {
                guard case .channelClosed(let reason, _) = error, reason.replyCode == .notFound else {
                    throw Failure(error)
                }
                do {
                    channel = try connection.openChannel()
                } catch {
                    throw Failure(error)
                }
            }
        }
        return found
    }
}
