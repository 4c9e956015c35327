/// How a headers exchange's binding matches a message's headers: its `x-match` argument.
///
/// `all` (the default, also for a value RabbitMQ does not know) needs every argument to match,
/// `any` at least one; both leave out arguments whose names start with `x-`. `all-with-x` and
/// `any-with-x` count those arguments too. The `x-match` argument itself is never matched.
public enum HeadersMatch: Equatable, Sendable, CaseIterable {
    case all, any, allWithX, anyWithX

    /// The `x-match` value that asks for it (what `mq bind --match` takes).
    public var name: String {
        switch self {
        case .all: "all"
        case .any: "any"
        case .allWithX: "all-with-x"
        case .anyWithX: "any-with-x"
        }
    }

    /// The kind a binding's arguments ask for.
    public init(arguments: [(name: String, value: HeaderValue)]) {
        let asked = arguments.first { $0.name == "x-match" }?.value
        self = Self.allCases.first { asked == .string($0.name) } ?? .all
    }

    /// True when a message with `headers` matches a binding with `arguments`.
    public static func matches(
        _ headers: [(name: String, value: HeaderValue)], arguments: [(name: String, value: HeaderValue)]
    ) -> Bool {
        let kind = HeadersMatch(arguments: arguments)
        let withX: Bool
        let needsAll: Bool
        switch kind {
        case .all: (withX, needsAll) = (false, true)
        case .any: (withX, needsAll) = (false, false)
        case .allWithX: (withX, needsAll) = (true, true)
        case .anyWithX: (withX, needsAll) = (true, false)
        }
        let pattern = arguments.filter { $0.name != "x-match" && (withX || !$0.name.hasPrefix("x-")) }
        let matching = pattern.lazy.map { argument in
            headers.first { $0.name == argument.name }.map { $0.value.satisfies(argument.value) } ?? false
        }
        return needsAll ? matching.allSatisfy { $0 } : matching.contains(true)
    }
}
