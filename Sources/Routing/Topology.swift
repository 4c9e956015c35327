/// A vhost's exchanges, bindings and queues as routing sees them: what the management API
/// describes, reduced to what decides where a message goes.
public struct Topology: Sendable {
    /// One exchange.
    public struct Exchange: Equatable, Sendable {
        public var name: String
        public var type: ExchangeType
        /// Only other exchanges may publish to it.
        public var isInternal = false
        /// Where a message goes that this exchange routes nowhere: the exchange's own
        /// `alternate-exchange` argument, else its policy's (RabbitMQ prefers the argument).
        public var alternate: String?
    }

    /// Where a binding leads.
    public enum Destination: Hashable, Sendable {
        case queue(String)
        case exchange(String)
    }

    /// One binding from an exchange to a queue or another exchange.
    public struct Binding: Equatable, Sendable {
        public var source: String
        public var destination: Destination
        public var key: String
        /// The binding's arguments in order (a headers exchange matches on them).
        public var arguments: [(name: String, value: HeaderValue)] = []

        public static func == (lhs: Binding, rhs: Binding) -> Bool {
            lhs.source == rhs.source && lhs.destination == rhs.destination && lhs.key == rhs.key
                && lhs.arguments.elementsEqual(rhs.arguments) { $0.name == $1.name && $0.value == $1.value }
        }
    }

    /// The exchanges by name; the default exchange is `""`.
    private(set) var exchanges: [String: Exchange] = [:]
    /// The bindings of each source exchange, in the order given.
    private(set) var bindings: [String: [Binding]] = [:]
    /// The queues the default exchange can reach (a queue is reached by its own name as key).
    public var queues: Set<String> = []

    public init(exchanges: [Exchange] = [], bindings: [Binding] = [], queues: Set<String> = []) {
        for exchange in exchanges { self.exchanges[exchange.name] = exchange }
        for binding in bindings { self.bindings[binding.source, default: []].append(binding) }
        self.queues = queues
    }

    /// The bindings whose source is `exchange`.
    public func bindings(from exchange: String) -> [Binding] { bindings[exchange] ?? [] }
}
