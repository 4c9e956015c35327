import AMQPWire

/// Who the client is, as the broker shows it (the management UI's client properties): the
/// program that uses this library says, in `ConnectionSettings.client`.
public struct ClientIdentity: Hashable, Sendable {
    public var product: String
    public var version: String
    /// One line on what the client is.
    public var information: String

    public init(product: String, version: String, information: String) {
        self.product = product
        self.version = version
        self.information = information
    }

    /// This library, for a program that does not name itself.
    public static let library = ClientIdentity(
        product: "Swift AMQP client", version: "0.1.0", information: "AMQP 0-9-1 client")
}

/// What we tell the broker about ourselves in `connection.start-ok`.
enum ClientProperties {
    /// The client-properties table: product, version, platform, and the RabbitMQ extensions
    /// we understand (capabilities).
    static func table(_ identity: ClientIdentity, connectionName: String?) -> FieldTable {
        var table: FieldTable = [
            "product": .string(identity.product),
            "version": .string(identity.version),
            "platform": .string("Swift on Linux"),
            "information": .string(identity.information),
            "capabilities": .table([
                "publisher_confirms": .boolean(true),
                "consumer_cancel_notify": .boolean(true),
                "exchange_exchange_bindings": .boolean(true),
                "basic.nack": .boolean(true),
                "connection.blocked": .boolean(true),
                "authentication_failure_close": .boolean(true),
                "per_consumer_qos": .boolean(true),
            ]),
        ]
        if let connectionName { table["connection_name"] = .string(connectionName) }
        return table
    }
}
