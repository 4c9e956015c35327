import ManagementAPI

/// A kind of object `mq list` shows: where the management API keeps it and how to show it.
enum ObjectKind: String, CaseIterable {
    case queues, exchanges, bindings, connections, channels, consumers, vhosts, users, permissions, policies, nodes

    /// The word for one object, e.g. `queue`.
    var singular: String { self == .policies ? "policy" : String(rawValue.dropLast()) }

    /// One line for help.
    var summary: String {
        switch self {
        case .queues: "List queues with their message counts and consumers"
        case .exchanges: "List exchanges"
        case .bindings: "List bindings of queues and exchanges"
        case .connections: "List client connections"
        case .channels: "List channels"
        case .consumers: "List consumers"
        case .vhosts: "List virtual hosts"
        case .users: "List users and their tags"
        case .permissions: "List users' permissions in vhosts"
        case .policies: "List policies"
        case .nodes: "List the cluster's nodes"
        }
    }

    /// The columns shown without `--columns`.
    var defaultColumns: [Column] {
        let messages = [
            Column("messages"), Column("ready", ["messages_ready"]), Column("unacked", ["messages_unacknowledged"]),
        ]
        return switch self {
        case .queues:
            [Column("name"), Column("vhost"), Column("type"), Column("durable")] + messages + [
                Column("consumers"), Column("state"),
            ]
        case .exchanges: ["name", "vhost", "type", "durable", "auto_delete", "internal"].map { Column($0) }
        case .bindings:
            ["source", "destination", "destination_type", "routing_key", "arguments", "vhost"].map { Column($0) }
        case .connections:
            ["name", "vhost", "user", "state", "channels", "protocol"].map { Column($0) }
                + [Column("client_name", ["client_properties", "connection_name"])]
        case .channels:
            [
                Column("name"), Column("vhost"), Column("user"), Column("state"),
                Column("consumers", ["consumer_count"]),
                Column("prefetch", ["prefetch_count"]), Column("unacked", ["messages_unacknowledged"]),
                Column("confirm"),
            ]
        case .consumers:
            [
                Column("queue", ["queue", "name"]), Column("vhost", ["queue", "vhost"]), Column("consumer_tag"),
                Column("channel", ["channel_details", "name"]), Column("ack_required"),
                Column("prefetch", ["prefetch_count"]),
                Column("exclusive"), Column("active"),
            ]
        case .vhosts: [Column("name"), Column("description"), Column("tracing")] + messages
        case .users: [Column("name"), Column("tags")]
        case .permissions: ["user", "vhost", "configure", "write", "read"].map { Column($0) }
        case .policies: ["name", "vhost", "pattern", "apply-to", "priority", "definition"].map { Column($0) }
        case .nodes:
            ["name", "type", "running", "uptime", "mem_used", "disk_free", "fd_used", "processors"].map { Column($0) }
        }
    }

    /// The fields that NAME arguments and `--match` test: an object is kept when any matches.
    var nameFields: [[String]] {
        switch self {
        case .bindings: [["source"], ["destination"]]
        case .consumers: [["queue", "name"]]
        case .permissions: [["user"]]
        case .queues, .exchanges, .connections, .channels, .vhosts, .users, .policies, .nodes: [["name"]]
        }
    }

    /// The API resource that lists this kind, in every vhost or in `vhost`, and whether it
    /// answers page by page; nil when the kind has no vhost to limit it to.
    func source(vhost: String?) -> (path: APIPath, paginated: Bool)? {
        let plural = rawValue
        guard let vhost else {
            return (APIPath([plural], resource: plural), [.queues, .exchanges, .connections, .channels].contains(self))
        }
        let inVhost = "vhost '\(vhost)'"
        switch self {
        case .queues, .exchanges: return (APIPath([plural, vhost], resource: inVhost), true)
        case .bindings, .consumers, .policies: return (APIPath([plural, vhost], resource: inVhost), false)
        case .connections, .channels, .permissions:
            return (APIPath(["vhosts", vhost, plural], resource: inVhost), false)
        case .vhosts: return (APIPath(["vhosts", vhost], resource: inVhost), false)
        case .users, .nodes: return nil
        }
    }
}
