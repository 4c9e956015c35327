import AMQP
import Transport

/// One resource of the management API: its path under `/api`, and how messages name it.
public struct APIPath: Sendable {
    /// The path segments after `/api`, unencoded: `["queues", "/", "orders"]`.
    public var segments: [String]
    /// Query parameters, unencoded.
    public var query: [(name: String, value: String)]
    /// The resource as a message names it, e.g. `queue 'orders' in vhost '/'`.
    public var resource: String

    public init(_ segments: [String], query: [(name: String, value: String)] = [], resource: String) {
        self.segments = segments
        self.query = query
        self.resource = resource
    }

    /// The request target: `prefix/api/...` with every segment percent-encoded (so a `/` in a
    /// name or vhost is `%2F`), then the query.
    public func target(prefix: String) -> String {
        var text = prefix + "/api"
        for segment in segments { text += "/" + PercentEncoding.encode(segment) }
        for (index, item) in query.enumerated() {
            text +=
                (index == 0 ? "?" : "&") + PercentEncoding.encode(item.name) + "=" + PercentEncoding.encode(item.value)
        }
        return text
    }

    /// The same resource with more query parameters.
    public func adding(_ items: [(name: String, value: String)]) -> APIPath {
        var copy = self
        copy.query += items
        return copy
    }
}
