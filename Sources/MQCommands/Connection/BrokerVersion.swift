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

    /// The first RabbitMQ version that has it.
    var since: BrokerVersion {
        switch self {
        case .streamFilters: BrokerVersion(major: 3, minor: 13)
        }
    }

    /// What the feature is, as an error names it.
    var name: String {
        switch self {
        case .streamFilters: "stream filters"
        }
    }

    /// What the older broker would do instead.
    var fallback: String {
        switch self {
        case .streamFilters: "it would send every record, unfiltered"
        }
    }
}

extension BrokerLink {
    /// Refuses (exit 1) when the broker is a RabbitMQ older than `feature` needs; a broker that
    /// gives no version mq reads is let be.
    func require(_ feature: BrokerFeature) throws(Failure) {
        guard let version = BrokerVersion(serverProperties: connection.serverProperties), version < feature.since
        else { return }
        throw Failure(.refused(.brokerLacks(feature, version: version)))
    }
}
