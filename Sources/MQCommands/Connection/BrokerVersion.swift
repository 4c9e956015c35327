import AMQPWire

/// A broker's version, as RabbitMQ gives it in `connection.start` (`version`: `3.10.0`, `4.0.9`).
struct BrokerVersion: Comparable, CustomStringConvertible, Sendable {
    var major: Int
    var minor: Int

    init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// The version in `text` (`3.13.7`, `4.1.0-rc.1`), or nil when it does not start with two numbers.
    init?(_ text: String) {
        let numbers = text.split(separator: ".", maxSplits: 2).prefix(2).map { Int($0) }
        guard numbers.count == 2, let major = numbers[0], let minor = numbers[1] else { return nil }
        self.init(major: major, minor: minor)
    }

    /// The version in a broker's `connection.start` properties, or nil when it gives none mq reads.
    init?(serverProperties: FieldTable) {
        guard let text = serverProperties["version"]?.stringValue else { return nil }
        self.init(text)
    }

    var description: String { "\(major).\(minor)" }

    static func < (lhs: Self, rhs: Self) -> Bool { (lhs.major, lhs.minor) < (rhs.major, rhs.minor) }
}

/// What mq asks of a broker that older versions would silently ignore, rather than refuse.
enum BrokerFeature: Equatable, Sendable {
    /// Stream filtering (`x-stream-filter`, `x-stream-filter-size-bytes`): an older broker sends
    /// every record.
    case streamFilters
    /// `mq get` over AMQP 1.0, which takes a drain: RabbitMQ 3's AMQP 1.0 plugin fails on one.
    case amqp10Drain

    /// The first RabbitMQ version that has it.
    var since: BrokerVersion {
        switch self {
        case .streamFilters: BrokerVersion(major: 3, minor: 13)
        case .amqp10Drain: BrokerVersion(major: 4, minor: 0)
        }
    }

    /// What the feature is, as an error names it.
    var name: String {
        switch self {
        case .streamFilters: "stream filters"
        case .amqp10Drain: "gets over AMQP 1.0"
        }
    }

    /// What the older broker would do instead.
    var fallback: String {
        switch self {
        case .streamFilters: "it would send every record, unfiltered"
        case .amqp10Drain:
            "its AMQP 1.0 plugin fails on the drain a get takes (mq --protocol 1.0 consume QUEUE --count N reads without one)"
        }
    }
}

extension BrokerFeature {
    /// Refuses (exit 1) when `version` is a RabbitMQ older than this feature needs; a broker that
    /// gives no version mq reads (nil) is let be.
    func require(of version: BrokerVersion?) throws(Failure) {
        guard let version, version < since else { return }
        throw Failure(.refused(.brokerLacks(self, version: version)))
    }
}

extension BrokerLink {
    /// Refuses (exit 1) when the broker is a RabbitMQ older than `feature` needs.
    func require(_ feature: BrokerFeature) throws(Failure) {
        try feature.require(of: BrokerVersion(serverProperties: connection.serverProperties))
    }
}
