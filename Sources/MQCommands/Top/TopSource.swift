import JSON
import ManagementAPI

/// Where `mq top` reads its snapshots: the management API's overview, nodes and queues.
struct TopSource {
    let client: ManagementClient
    /// The vhost whose queues are shown; nil for every vhost.
    let vhost: String?

    /// One snapshot. A user the API does not show the nodes to (they need the monitoring tag)
    /// gets a header without them rather than a failure.
    func read() throws(APIError) -> TopSnapshot {
        let overview = try client.get(APIPath(["overview"], resource: "overview"))
        let queues =
            vhost.map { APIPath(["queues", $0], resource: "vhost '\($0)'") } ?? APIPath(["queues"], resource: "queues")
        let rows = try client.list(queues, paginated: true).compactMap(QueueRow.init)
        let nodes: [JSON]
        do {
            nodes = try client.list(APIPath(["nodes"], resource: "nodes"), paginated: false)
        } catch .forbidden {
            nodes = []
        }
        return TopSnapshot(broker: BrokerSummary(overview: overview, nodes: nodes), queues: rows)
    }
}
