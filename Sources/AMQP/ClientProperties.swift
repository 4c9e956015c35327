import AMQPWire

#if canImport(Glibc)
    import Glibc
#endif

/// What we tell the broker about ourselves in `connection.start-ok`.
public enum ClientProperties {
    /// mq's version, shown in the management UI and by `mq --version`.
    public static let version = "0.1.0"

    /// The client-properties table: product, version, platform, and the RabbitMQ extensions
    /// we understand (capabilities).
    static func table(connectionName: String?) -> FieldTable {
        var table: FieldTable = [
            "product": .string("mq"),
            "version": .string(version),
            "platform": .string("Swift on Linux"),
            "information": .string("AMQP 0-9-1 command-line client"),
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
