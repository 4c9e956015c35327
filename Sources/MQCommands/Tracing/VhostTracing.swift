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
        let vhosts = try api.list(APIPath(["vhosts"], query: [(name: "columns", value: "name,tracing")], resource: "vhosts"), paginated: false)
        guard let found = vhosts.first(where: { Self.name(of: $0) == vhost }) else { throw .notFound(resource: "vhost '\(vhost)'") }
        return Self.tracing(in: found)
    }

    /// Turns tracing on or off, keeping the vhost's description, tags and default queue type.
    func set(_ on: Bool) throws(APIError) {
        guard case .object(let fields) = try api.get(path) else { throw .badResponse(url: api.endpoint.displayURL, "expected a vhost object") }
        var body: [(String, JSON)] = []
        for name in ["description", "tags", "default_queue_type"] {
            guard let value = fields.first(where: { $0.0 == name })?.1, value != .string("undefined"), value != .null else { continue }
            body.append((name, value))
        }
        body.append(("tracing", .bool(on)))
        try api.put(path, .object(body))
    }

    /// The queues bound to the trace exchange: who else is tracing this vhost.
    func tracers() throws(APIError) -> [String] {
        let bindings = APIPath(
            ["exchanges", vhost, Self.exchange, "bindings", "source"], resource: "exchange '\(Self.exchange)' in vhost '\(vhost)'")
        return try api.list(bindings, paginated: false).compactMap { binding in
            guard case .object(let fields) = binding, fields.contains(where: { $0 == ("destination_type", .string("queue")) }),
                case .string(let queue)? = fields.first(where: { $0.0 == "destination" })?.1
            else { return nil }
            return queue
        }
    }

    private static func name(of vhost: JSON) -> String? {
        guard case .object(let fields) = vhost, case .string(let name)? = fields.first(where: { $0.0 == "name" })?.1 else { return nil }
        return name
    }

    private static func tracing(in vhost: JSON) -> Bool {
        guard case .object(let fields) = vhost else { return false }
        return fields.contains { $0 == ("tracing", .bool(true)) }
    }
}
