import AMQP
import AMQPWire

/// The environment variables that describe a message to an `--exec` command.
enum MessageEnvironment {
    static func variables(for delivery: Delivery, queue: String) -> [String: String] {
        var variables = [
            "MQ_QUEUE": queue,
            "MQ_EXCHANGE": delivery.exchange,
            "MQ_ROUTING_KEY": delivery.routingKey,
            "MQ_REDELIVERED": delivery.redelivered ? "true" : "false",
            "MQ_DELIVERY_TAG": String(delivery.deliveryTag),
        ]
        let properties = delivery.properties
        let optional: [(String, String?)] = [
            ("MQ_CONTENT_TYPE", properties.contentType), ("MQ_CONTENT_ENCODING", properties.contentEncoding),
            ("MQ_DELIVERY_MODE", properties.deliveryMode.map { String($0) }),
            ("MQ_PRIORITY", properties.priority.map { String($0) }),
            ("MQ_CORRELATION_ID", properties.correlationID), ("MQ_REPLY_TO", properties.replyTo),
            ("MQ_EXPIRATION", properties.expiration), ("MQ_MESSAGE_ID", properties.messageID),
            ("MQ_TIMESTAMP", properties.timestamp.map { String($0) }), ("MQ_TYPE", properties.type),
            ("MQ_USER_ID", properties.userID), ("MQ_APP_ID", properties.appID), ("MQ_CLUSTER_ID", properties.clusterID),
        ]
        for case (let name, let value?) in optional { variables[name] = value }
        for field in properties.headers ?? [:] {
            variables["MQ_HEADER_" + variableName(field.name)] = MessageJSON.text(field.value)
        }
        return variables
    }

    /// `x-retry-count` becomes `X_RETRY_COUNT`: upper case, anything but letters and digits `_`.
    static func variableName(_ name: String) -> String {
        String(
            name.uppercased().unicodeScalars.map { scalar in
                ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) ? Character(scalar) : "_"
            })
    }
}
