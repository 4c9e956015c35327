import AMQPWire

extension TestBroker {
    /// `properties` as the test broker hands them back: RabbitMQ 4 sorts a header table by name
    /// (every field kept as sent), 3.x keeps the order it was sent in.
    public static func asDelivered(_ properties: BasicProperties) -> BasicProperties {
        guard isRabbitMQ4, let headers = properties.headers else { return properties }
        var delivered = properties
        delivered.headers = FieldTable(headers.fields.sorted { $0.name < $1.name })
        return delivered
    }
}
