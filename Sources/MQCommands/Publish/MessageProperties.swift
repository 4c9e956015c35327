import AMQPWire
import ArgumentParsing

/// The message properties given on the command line (with the headers): one group that publish
/// and request both declare. The correlation id and reply-to are not in it: request sets those
/// itself, so publish declares them beside the group.
enum MessageProperties {
    static let contentType = Option<String?>.text("content-type", valueName: "TYPE", help: "content-type property")
    static let contentEncoding = Option<String?>.text(
        "content-encoding", valueName: "ENCODING", help: "content-encoding property")
    static let persistent = Option<Bool>.flag("persistent", help: "delivery-mode 2: written to disk by durable queues")
    static let transient = Option<Bool>.flag("transient", help: "delivery-mode 1")
    static let priority = Option<Int?>.integer("priority", range: 0...255, help: "priority property")
    static let expiration = Option<Double?>.duration("expiration", help: "per-message TTL")
    static let messageID = Option<String?>.text("message-id", valueName: "ID", help: "message-id property")
    static let timestamp = Option<MessageTimestamp?>.decoded(
        "timestamp", valueName: "TIME",
        help: "timestamp property: now, seconds since 1970, or ISO 8601 (2026-11-29T12:00:00Z)")
    static let type = Option<String?>.text("type", valueName: "TYPE", help: "type property")
    static let userID = Option<String?>.text(
        "user-id", valueName: "USER", help: "user-id property (the broker checks it is the connection's user)")
    static let appID = Option<String?>.text("app-id", valueName: "APP", help: "app-id property")

    static let group = OptionGroup(
        [
            contentType, contentEncoding, persistent, transient, priority, expiration, messageID, timestamp, type,
            userID, appID,
        ],
        including: [MessageHeaders.group], rules: [.exclusive(persistent, transient)])

    /// The properties the group's options ask for (no correlation id or reply-to).
    static func read(_ parsed: ParsedCommand) -> BasicProperties {
        var properties = BasicProperties()
        properties.contentType = parsed[contentType]
        properties.contentEncoding = parsed[contentEncoding]
        let headers = MessageHeaders.table(parsed)
        if !headers.isEmpty { properties.headers = headers }
        if parsed[persistent] { properties.deliveryMode = 2 }
        if parsed[transient] { properties.deliveryMode = 1 }
        properties.priority = parsed[priority].map { UInt8($0) }
        properties.expiration = parsed[expiration].map { String(Int64(($0 * 1000).rounded())) }
        properties.messageID = parsed[messageID]
        properties.timestamp = parsed[timestamp]?.secondsSince1970
        properties.type = parsed[type]
        properties.userID = parsed[userID]
        properties.appID = parsed[appID]
        return properties
    }
}
