import JSON
import ManagementAPI
import Routing

/// Reading the topology `mq route` follows from the management API.
extension Route {
    /// The vhost's exchanges and bindings, the policies they name (for alternate exchanges set
    /// by policy), and for the default exchange whether the queue `key` names exists.
    static func loadTopology(vhost: String, exchange: String, key: String, _ invocation: Invocation) throws(Failure)
        -> Topology
    {
        let client = try invocation.managementAPI()
        let inVhost = "vhost '\(vhost)'"
        let (exchanges, bindings, policies, queues): ([JSON], [JSON], [JSON], Set<String>)
        do {
            exchanges = try client.list(
                APIPath(
                    ["exchanges", vhost], query: [("columns", "name,type,internal,arguments,policy")], resource: inVhost
                ), paginated: true)
            bindings = try client.list(
                APIPath(
                    ["bindings", vhost],
                    query: [("columns", "source,destination,destination_type,routing_key,arguments")], resource: inVhost
                ),
                paginated: false)
            invocation.trace("\(exchanges.count) exchanges and \(bindings.count) bindings in \(inVhost)")
            policies = try Self.policies(exchanges, vhost: vhost, client, invocation)
            // The default exchange's bindings are implicit: ask only for the queue the key names.
            if exchange.isEmpty, !key.isEmpty {
                queues = try queueExists(key, vhost: vhost, client) ? [key] : []
            } else {
                queues = []
            }
        } catch {
            throw Failure(error)
        }
        do {
            return try Topology(exchanges: exchanges, bindings: bindings, policies: policies, queues: queues)
        } catch {
            throw Failure(.badResponse(url: client.endpoint.displayURL, "\(error.problem) in \(inVhost)"))
        }
    }

    /// The vhost's policies when an exchange has one; a user who may not read them is told
    /// that alternate exchanges set by policy are not followed.
    private static func policies(
        _ exchanges: [JSON], vhost: String, _ client: ManagementClient, _ invocation: Invocation
    ) throws(APIError)
        -> [JSON]
    {
        guard exchanges.contains(where: { $0["policy"] != nil }) else { return [] }
        do {
            return try client.list(
                APIPath(["policies", vhost], resource: "policies of vhost '\(vhost)'"), paginated: false)
        } catch .unauthorized, .forbidden {
            invocation.note(
                "cannot read the policies of vhost '\(vhost)': alternate exchanges set by policy are not followed")
            return []
        }
    }

    /// True when the queue exists (GET /api/queues/VHOST/NAME answers, not 404).
    private static func queueExists(_ name: String, vhost: String, _ client: ManagementClient) throws(APIError) -> Bool
    {
        do {
            _ = try client.get(
                APIPath(
                    ["queues", vhost, name], query: [("columns", "name")],
                    resource: "queue '\(name)' in vhost '\(vhost)'"))
            return true
        } catch .notFound {
            return false
        }
    }
}
