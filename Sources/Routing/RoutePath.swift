/// How a message got from the exchange it was published to into one queue.
public struct RoutePath: Equatable, Sendable {
    /// One exchange on the way, and how the message left it.
    public struct Hop: Equatable, Sendable {
        /// How a message leaves an exchange.
        public enum Via: Equatable, Sendable {
            /// A binding, with its key and arguments.
            case binding(Topology.Binding)
            /// The exchange routed it nowhere, so it went to the alternate exchange.
            case alternate
            /// The default exchange: to the queue named by the routing key.
            case defaultExchange
        }

        public var exchange: String
        public var type: ExchangeType
        public var via: Via
    }

    /// The queue reached.
    public var queue: String
    /// The exchanges from the one published to, in order.
    public var hops: [Hop]
}

/// Where a message would go: every queue it reaches (each once, by name), with the first way
/// found to it (fewest exchanges).
public struct Routing: Equatable, Sendable {
    public var paths: [RoutePath]

    /// The queues, sorted by name.
    public var queues: [String] { paths.map(\.queue) }
    /// True when no queue takes the message: publish would have it returned.
    public var isUnroutable: Bool { paths.isEmpty }
}

/// Why routing cannot be computed: what publishing would have refused, or a type mq does not know.
public enum RoutingError: Error, Hashable, Sendable {
    /// The exchange published to does not exist (publish: NOT_FOUND).
    case noExchange(String)
    /// The exchange published to is internal (publish: ACCESS_REFUSED).
    case internalExchange(String)
    /// An exchange on the way is of a type whose rules mq does not know.
    case unknownType(exchange: String, type: String)
}
