import JSON

/// What an AMQP 1.0 message carries that a 0-9-1 delivery has no field for, as `--format json`
/// shows it: more properties (`to`, `group_id`, `absolute_expiry_time`, ...) in its
/// `properties` object, and the message annotations (`x-exchange`, `x-routing-key`, ...) as its
/// `annotations` object.
struct BeyondAMQP091 {
    var properties: [(String, JSON)] = []
    var annotations: [(String, JSON)] = []
}
