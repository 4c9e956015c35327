import JSON

/// One queue as `mq top` shows it.
struct QueueRow: Hashable {
    var name: String
    var vhost = "/"
    var ready: Int64 = 0
    var unacked: Int64 = 0
    var consumers: Int64 = 0
    /// Messages per second published to the queue, as the broker last sampled it.
    var publishRate: Double = 0
    /// Messages per second delivered (and got) from the queue.
    var deliverRate: Double = 0

    /// Ready and unacknowledged together: the queue's depth.
    var messages: Int64 { ready + unacked }

    /// The key that follows a queue from one sample to the next.
    var key: QueueKey { QueueKey(vhost: vhost, name: name) }
}

extension QueueRow {
    /// The row for one object of `/api/queues`; nil for an object without a name.
    init?(_ object: JSON) {
        guard case .string(let name)? = object["name"] else { return nil }
        self.name = name
        vhost = object["vhost"]?.string ?? ""
        ready = object["messages_ready"]?.integer ?? 0
        unacked = object["messages_unacknowledged"]?.integer ?? 0
        consumers = object["consumers"]?.integer ?? 0
        publishRate = object.value(at: ["message_stats", "publish_details", "rate"])?.number ?? 0
        deliverRate = object.value(at: ["message_stats", "deliver_get_details", "rate"])?.number ?? 0
    }
}

/// A queue's identity across samples: its vhost and name.
struct QueueKey: Hashable {
    var vhost: String
    var name: String
}

/// One cluster node's health as the header shows it.
struct NodeHealth: Hashable {
    var name: String
    var memoryUsed: Int64
    var memoryLimit: Int64
    var memoryAlarm: Bool
    var diskFree: Int64
    var diskFreeLimit: Int64
    var diskAlarm: Bool
}

extension NodeHealth {
    /// The node in one object of `/api/nodes`; nil for an object without a name.
    init?(_ object: JSON) {
        guard case .string(let name)? = object["name"] else { return nil }
        self.name = name
        memoryUsed = object["mem_used"]?.integer ?? 0
        memoryLimit = object["mem_limit"]?.integer ?? 0
        memoryAlarm = object["mem_alarm"] == .bool(true)
        diskFree = object["disk_free"]?.integer ?? 0
        diskFreeLimit = object["disk_free_limit"]?.integer ?? 0
        diskAlarm = object["disk_free_alarm"] == .bool(true)
    }
}

/// The broker as a whole, from `/api/overview` and `/api/nodes`.
struct BrokerSummary: Hashable {
    var version: String
    var cluster: String
    var connections: Int64
    var channels: Int64
    var nodes: [NodeHealth]

    /// True when a node has raised a memory or disk alarm.
    var alarmed: Bool { nodes.contains { $0.memoryAlarm || $0.diskAlarm } }
}

extension BrokerSummary {
    /// The summary from `/api/overview` and the objects of `/api/nodes`.
    init(overview: JSON, nodes: [JSON]) {
        version = overview["rabbitmq_version"]?.string ?? ""
        cluster = overview["cluster_name"]?.string ?? ""
        connections = overview.value(at: ["object_totals", "connections"])?.integer ?? 0
        channels = overview.value(at: ["object_totals", "channels"])?.integer ?? 0
        self.nodes = nodes.compactMap(NodeHealth.init)
    }
}

/// What one refresh of `mq top` read from the management API.
struct TopSnapshot: Hashable {
    var broker: BrokerSummary
    var queues: [QueueRow]
}
