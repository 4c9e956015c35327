import JSON
import ManagementAPI

/// RabbitMQ's firehose for one vhost, switched through the management API.
///
/// The API sets tracing with a PUT of the whole vhost, and a PUT without the description and
/// tags clears them, so each switch sends back what the vhost already had.
struct VhostTracing {
    let api: ManagementClient
    let vhost: String

    /// The exchange the firehose publishes to, in every vhost.
    static let exchange = "amq.rabbitmq.trace"
    /// How the queues of `mq trace` are named, so that one trace can tell another is running.
    static let queuePrefix = "mq.trace."

    private var path: APIPath { APIPath(["vhosts", vhost], resource: "vhost '\(vhost)'") }

    /// Whether tracing is on. Read from the list of vhosts, which any user of the API may see
    /// (RabbitMQ answers a GET of one vhost only for administrators), so that a user who may
    /// not switch tracing can still trace where it is on.
    func isOn() throws(APIError) -> Bool {
        let vhosts = try api.list(
            APIPath(["vhosts"], query: [(name: "columns", value: "name,tracing")], resource: "vhosts"), paginated: false
        )
        guard let found = vhosts.first(where: { $0["name"]?.string == vhost }) else {
            throw .notFound(resource: "vhost '\(vhost)'")
        }
        return found["tracing"] == .bool(true)
    }

    /// Turns tracing on or off, keeping the vhost's description, tags and default queue type.
    func set(_ on: Bool) throws(APIError) {
        let current = try api.get(path)
        guard case .object = current else {
            throw .badResponse(url: api.endpoint.displayURL, "expected a vhost object")
        }
        var body: [(String, JSON)] = []
        for name in ["description", "tags", "default_queue_type"] {
            guard let value = current[name], value != .string("undefined"), value != .null else { continue }
            body.append((name, value))
        }
        body.append(("tracing", .bool(on)))
        try api.put(path, .object(body))
    }

    /// The queues bound to the trace exchange: who else is tracing this vhost.
    func tracers() throws(APIError) -> [String] {
        let bindings = APIPath(
            ["exchanges", vhost, Self.exchange, "bindings", "source"],
            resource: "exchange '\(Self.exchange)' in vhost '\(vhost)'")
        return try api.list(bindings, paginated: false).compactMap { binding in
            binding["destination_type"] == .string("queue") ? binding["destination"]?.string : nil
        }
    }
}
