/// The routing rule of an exchange: the four types RabbitMQ ships, or a plugin's, which mq
/// cannot compute.
public enum ExchangeType: Equatable, Sendable {
    case direct, fanout, topic, headers
    /// A type from a plugin (`x-consistent-hash`, `x-delayed-message`, ...), by its name.
    case other(String)

    public init(_ name: String) {
        switch name {
        case "direct": self = .direct
        case "fanout": self = .fanout
        case "topic": self = .topic
        case "headers": self = .headers
        default: self = .other(name)
        }
    }

    /// The name the broker gives the type.
    public var name: String {
        switch self {
        case .direct: "direct"
        case .fanout: "fanout"
        case .topic: "topic"
        case .headers: "headers"
        case .other(let name): name
        }
    }
}
