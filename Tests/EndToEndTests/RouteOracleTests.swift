import AMQP
import AMQPWire
import Foundation
import JSON
import TestSupport
import Testing

/// `mq route` against the broker as oracle: random (seeded) topologies of fresh exchanges of every
/// type and fresh queues, with topic edge cases, typed headers, exchange-to-exchange chains and
/// loops, alternate exchanges by argument and by policy; for every probe, the queues `mq route`
/// names are exactly the queues that received the probe when it was published.
@Suite("mq route agrees with the broker", .needsBroker, .deletesFreshQueues, .timeLimit(.minutes(5)))
struct RouteOracleTests {
    static let seeds: [UInt64] = [1, 2, 3, 4, 5]
    static let probesPerTopology = 80

    @Test("the queues mq route names are those a published probe reaches", arguments: seeds)
    func oracle(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let topology = OracleTopology(random: &random)
        let probes = topology.probes(Self.probesPerTopology, &random)
        let connection = try TestBroker.connect(name: "mq-tests route oracle")
        defer { connection.close() }
        let channel = try connection.openChannel()
        defer { Self.remove(topology, channel) }
        try Self.declare(topology, channel)

        let routed = try probes.map { probe in
            let result = try mq(probe.routeArguments)
            return (status: result.status, queues: try Self.queues(inRouteJSON: result.stdout), stderr: result.stderr)
        }
        let delivered = try Self.publish(probes, topology: topology, channel)

        for (index, probe) in probes.enumerated() {
            let answer = routed[index]
            let expected = delivered[index, default: []]
            #expect(answer.queues == expected, "seed \(seed) probe \(index): \(probe): \(answer.stderr)")
            #expect(
                answer.status == (expected.isEmpty ? 2 : 0), "seed \(seed) probe \(index): \(probe): \(answer.stderr)")
        }
    }

    /// Declares the queues (exclusive: RabbitMQ 4.3 refuses shared transient ones), the
    /// exchanges, the policy and the bindings.
    private static func declare(_ topology: OracleTopology, _ channel: Channel) throws {
        for queue in topology.queues { _ = try channel.declareQueue(queue, durable: false, exclusive: true) }
        for exchange in topology.exchanges {
            var arguments = FieldTable()
            if let alternate = exchange.alternate { arguments["alternate-exchange"] = .string(alternate) }
            try channel.declareExchange(
                exchange.name, type: exchange.type, durable: false, internal: exchange.isInternal, arguments: arguments)
        }
        if let policy = topology.policy {
            let pattern = "^" + NSRegularExpression.escapedPattern(for: policy.exchange) + "$"
            let result = try mq(
                "declare", "policy", policy.exchange, "--pattern", pattern, "--apply-to", "exchanges", "--priority",
                "100",
                "--set-string", "alternate-exchange=\(policy.alternate)")
            try #require(result.status == 0, "\(result.stderr)")
            let applied = try eventually {
                try mq("list", "exchanges", policy.exchange, "--columns", "name,policy", "--no-headers").stdout
                    .contains("\t\(policy.exchange)")
                    ? true : nil
            }
            try #require(applied == true, "the policy was not applied to \(policy.exchange)")
        }
        for binding in topology.bindings {
            if binding.toExchange {
                try channel.bindExchange(
                    binding.destination, to: binding.source, routingKey: binding.key, arguments: binding.arguments)
            } else {
                try channel.bindQueue(
                    binding.destination, to: binding.source, routingKey: binding.key, arguments: binding.arguments)
            }
        }
    }

    /// Publishes every probe (its index as body), waits for the confirms, then empties every
    /// queue: for each probe, the queues that received it.
    private static func publish(_ probes: [OracleTopology.Probe], topology: OracleTopology, _ channel: Channel) throws
        -> [Int: Set<String>]
    {
        try channel.enableConfirms()
        for (index, probe) in probes.enumerated() {
            _ = try channel.publish(
                Array(String(index).utf8), exchange: probe.exchange, routingKey: probe.key,
                properties: BasicProperties(headers: probe.headers.isEmpty ? nil : probe.fieldTable))
        }
        try #require(try channel.waitForConfirms(deadline: .after(seconds: 30)))
        _ = channel.takeConfirmations()
        var delivered: [Int: Set<String>] = [:]
        for queue in topology.queues {
            while let delivery = try channel.get(queue: queue, noAck: true) {
                let index = try #require(Int(String(decoding: delivery.body, as: UTF8.self)))
                delivered[index, default: []].insert(queue)
            }
        }
        return delivered
    }

    /// The queue names in `mq route --json` output.
    private static func queues(inRouteJSON text: String) throws -> Set<String> {
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not JSON: \(text)")
        let queues = try #require(object["queues"] as? [[String: Any]])
        return Set(queues.compactMap { $0["queue"] as? String })
    }

    /// Deletes the policy and exchanges (the exclusive queues go with the connection, and the
    /// trait deletes them too).
    private static func remove(_ topology: OracleTopology, _ channel: Channel) {
        if let policy = topology.policy { _ = try? mq("delete", "policy", policy.exchange) }
        for exchange in topology.exchanges { try? channel.deleteExchange(exchange.name) }
    }
}
