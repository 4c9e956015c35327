/// A vhost's exchanges, bindings and queues as routing sees them: what the management API
/// describes, reduced to what decides where a message goes.
struct Topology: Sendable {
    /// One exchange.
    struct Exchange: Equatable, Sendable {
        var name: String
        var type: ExchangeType
        /// Only other exchanges may publish to it.
        var isInternal = false
        /// Where a message goes that this exchange routes nowhere: the exchange's own
        /// `alternate-exchange` argument, else its policy's (RabbitMQ prefers the argument).
        var alternate: String?
    }

    /// Where a binding leads.
    enum Destination: Hashable, Sendable {
        case queue(String)
        case exchange(String)
    }

    /// One binding from an exchange to a queue or another exchange.
    struct Binding: Equatable, Sendable {
        var source: String
        var destination: Destination
        var key: String
        /// The binding's arguments in order (a headers exchange matches on them).
        var arguments: [(name: String, value: HeaderValue)] = []

        static func == (lhs: Binding, rhs: Binding) -> Bool {
            lhs.source == rhs.source && lhs.destination == rhs.destination && lhs.key == rhs.key
                && lhs.arguments.elementsEqual(rhs.arguments) { $0.name == $1.name && $0.value == $1.value }
        }
    }

    /// The exchanges by name; the default exchange is `""`.
    private(set) var exchanges: [String: Exchange] = [:]
    /// The bindings of each source exchange, in the order given.
    private(set) var bindings: [String: [Binding]] = [:]
    /// The queues the default exchange can reach (a queue is reached by its own name as key).
    var queues: Set<String> = []

    init(exchanges: [Exchange] = [], bindings: [Binding] = [], queues: Set<String> = []) {
        for exchange in exchanges { self.exchanges[exchange.name] = exchange }
        for binding in bindings { self.bindings[binding.source, default: []].append(binding) }
        self.queues = queues
    }

    /// The bindings whose source is `exchange`.
    func bindings(from exchange: String) -> [Binding] { bindings[exchange] ?? [] }
}
