import AMQPWire
import TestSupport

/// A header or binding argument value, written the same way to the broker and to `mq route`.
enum OracleValue {
    case int(Int32)
    case string(String)
    case bool(Bool)

    static let choices: [OracleValue] = [.int(1), .int(2), .string("1"), .string("a"), .bool(true), .string("true")]

    var field: FieldValue {
        switch self {
        case .int(let number): .int32(number)
        case .string(let text): .string(text)
        case .bool(let flag): .boolean(flag)
        }
    }

    /// The `mq route` words for header `name` of this value: strings that look typed stay strings.
    func options(_ name: String) -> [String] {
        switch self {
        case .int(let number): ["--header", "\(name)=\(number)"]
        case .bool(let flag): ["--header", "\(name)=\(flag)"]
        case .string(let text): ["--header-string", "\(name)=\(text)"]
        }
    }
}

/// A random topology of fresh exchanges of every type and fresh queues, with exchange-to-exchange
/// bindings (loops included), alternate exchanges by argument and by policy, and probes of it.
struct OracleTopology {
    struct Exchange {
        var name: String
        var type: String
        var isInternal: Bool
        var alternate: String?
    }

    struct Binding {
        var source: String
        /// A queue or, when `toExchange`, an exchange.
        var destination: String
        var toExchange: Bool
        var key: String
        var arguments: FieldTable
    }

    /// One message to route and publish.
    struct Probe: CustomStringConvertible {
        var exchange: String
        var key: String
        var headers: [(name: String, value: OracleValue)]

        var routeArguments: [String] {
            ["route", "--json", "--exchange", exchange, "--key", key] + headers.flatMap { $0.value.options($0.name) }
        }

        var fieldTable: FieldTable {
            FieldTable(headers.map { FieldTable.Field(name: $0.name, value: $0.value.field) })
        }

        var description: String {
            "exchange '\(exchange)' key '\(key)' headers [\(headers.map { "\($0.name)=\($0.value.field)" }.joined(separator: ", "))]"
        }
    }

    static let keys = ["", "a", "b", "c", "a.b", "a.c.b", "a..b", ".", "a.", ".a", "b.a", "a.b.c", "x.b", "a.x.y.b"]
    static let topicPatterns = [
        "#", "*", "a.#", "#.a", "a.#.b", "*.b", "a.*", "a..b", "", "a", "a.b", "#.#", "*.*", "a.*.#", "#.b.#", "*.#.b",
        "b.#", "#.b", "*.*.*",
    ]
    static let headerNames = ["n", "s", "x-t"]
    static let matchKinds: [String?] = [nil, "all", "any", "all-with-x", "any-with-x"]

    var exchanges: [Exchange] = []
    var queues: [String] = []
    var bindings: [Binding] = []
    /// The exchange a policy gives an alternate, and that alternate.
    var policy: (exchange: String, alternate: String)?

    /// A topology of `exchangeCount` exchanges and `queueCount` queues named with `freshQueue`.
    init(random: inout SeededGenerator, exchangeCount: Int = 10, queueCount: Int = 8) {
        let types = ["direct", "fanout", "topic", "headers"]
        queues = (0..<queueCount).map { _ in freshQueue("route") }
        let names = (0..<exchangeCount).map { TestBroker.uniqueName("route-\(types[$0 % types.count])") }
        for (index, name) in names.enumerated() {
            let alternate: String? =
                Int.random(in: 0..<10, using: &random) < 3
                ? (Int.random(in: 0..<5, using: &random) == 0 ? name + ".missing" : names.randomElement(using: &random))
                : nil
            exchanges.append(
                Exchange(
                    name: name, type: types[index % types.count], isInternal: index >= exchangeCount - 2,
                    alternate: alternate))
        }
        if let target = exchanges.first(where: { $0.alternate == nil && !$0.isInternal }),
            let alternate = names.randomElement(using: &random)
        {
            policy = (target.name, alternate)
        }
        for exchange in exchanges {
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                bindings.append(
                    binding(from: exchange, to: queues.randomElement(using: &random) ?? "", toExchange: false, &random))
            }
            for _ in 0..<Int.random(in: 0...2, using: &random) {
                bindings.append(
                    binding(from: exchange, to: names.randomElement(using: &random) ?? "", toExchange: true, &random))
            }
        }
    }

    private func binding(
        from exchange: Exchange, to destination: String, toExchange: Bool, _ random: inout SeededGenerator
    ) -> Binding {
        var key = ""
        var arguments = FieldTable()
        switch exchange.type {
        case "topic": key = Self.topicPatterns.randomElement(using: &random) ?? ""
        case "headers":
            if let kind = Self.matchKinds.randomElement(using: &random) ?? nil { arguments["x-match"] = .string(kind) }
            for name in Self.headerNames.shuffled(using: &random).prefix(Int.random(in: 0...3, using: &random)) {
                arguments[name] = OracleValue.choices.randomElement(using: &random)?.field
            }
        default: key = Self.keys.randomElement(using: &random) ?? ""
        }
        return Binding(
            source: exchange.name, destination: destination, toExchange: toExchange, key: key, arguments: arguments)
    }

    /// `count` probes: mostly to the exchanges that may be published to, some to the default
    /// exchange (a queue's name or no queue's).
    func probes(_ count: Int, _ random: inout SeededGenerator) -> [Probe] {
        let entries = exchanges.filter { !$0.isInternal }.map(\.name)
        return (0..<count).map { _ in
            if Int.random(in: 0..<20, using: &random) == 0 {
                let key =
                    Bool.random(using: &random)
                    ? queues.randomElement(using: &random) ?? "" : "mq-test.route.no-such-queue"
                return Probe(exchange: "", key: key, headers: [])
            }
            let headers = Self.headerNames.filter { _ in Bool.random(using: &random) }.map {
                (name: $0, value: OracleValue.choices.randomElement(using: &random) ?? .int(1))
            }
            return Probe(
                exchange: entries.randomElement(using: &random) ?? "",
                key: Self.keys.randomElement(using: &random) ?? "", headers: headers)
        }
    }
}
