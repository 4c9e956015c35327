import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `mq trace` against the broker's own firehose, each test in a vhost of its own so that tracing
/// switched in one never shows in another.
@Suite("mq trace", .needsBroker, .timeLimit(.minutes(5)))
struct TraceTests {
    /// Whether tracing is on in `vhost`, as the management API says.
    private func tracing(_ vhost: String) throws -> Bool {
        let result = try mq("list", "vhosts", vhost, "--columns", "name,tracing", "--json")
        let object = try #require(try jsonArray(result.stdout).first, "\(result.stderr)")
        return try #require(object["tracing"] as? Bool)
    }

    /// The queues bound to `vhost`'s trace exchange.
    private func tracers(_ vhost: String) throws -> [String] {
        let result = try mq("list", "bindings", "--vhost", vhost, "--columns", "source,destination", "--json")
        return try jsonArray(result.stdout).filter { $0["source"] as? String == "amq.rabbitmq.trace" }.compactMap {
            $0["destination"] as? String
        }
    }

    /// Starts `mq trace` in `vhost` and waits until it traces: its queue bound, tracing on.
    private func startTrace(_ vhost: String, _ arguments: [String] = [], user: [String] = []) throws -> MQProcess {
        let trace = try MQProcess(["trace", "--vhost", vhost] + user + arguments)
        let ready = try eventually(within: 15) { try tracers(vhost).count > 0 && tracing(vhost) ? true : nil }
        try #require(ready == true, "the trace did not start: \(trace.stderr)")
        return trace
    }

    /// A topic exchange routing `orders.created` to two queues, in `vhost`.
    private func topology(_ vhost: String) throws -> (exchange: String, queues: [String]) {
        let (exchange, queues) = ("events", ["orders-a", "orders-b"])
        try #require(try mq("declare", "exchange", exchange, "--type", "topic", "--vhost", vhost).status == 0)
        for (queue, key) in zip(queues, ["orders.*", "#"]) {
            try #require(try mq("declare", "queue", queue, "--vhost", vhost).status == 0)
            try #require(
                try mq("bind", "queue", queue, "--exchange", exchange, "--key", key, "--vhost", vhost).status == 0)
        }
        return (exchange, queues)
    }

    @Test(
        "a publish to two queues through a topic exchange and a consume from one: one publish naming both, one deliver")
    func publishAndDeliver() throws {
        let vhost = try scratchVhost("trace.lines")
        defer { deleteVhost(vhost) }
        let (exchange, queues) = try topology(vhost)
        let trace = try startTrace(vhost, ["--count", "2", "--timeout", "20s"])
        #expect(
            try mq("publish", "--vhost", vhost, "--exchange", exchange, "--key", "orders.created", "hello world").status
                == 0)
        #expect(try mq("consume", queues[0], "--vhost", vhost, "--count", "1").stdout == "hello world\n")
        #expect(trace.finish(within: 30) == 0, "\(trace.stderr)")
        let lines = trace.stdout.split(separator: "\n").map(String.init)
        try #require(lines.count == 2, "\(trace.stdout)")
        let published = lines[0].split(separator: " ").map(String.init)
        #expect(published[1] == "published")
        #expect(
            published.contains("exchange=\(exchange)") && published.contains("keys=orders.created")
                && published.contains("user=guest"))
        let routed = try #require(published.first { $0.hasPrefix("routed=") })
        #expect(Set(routed.dropFirst("routed=".count).split(separator: ",").map(String.init)) == Set(queues))
        #expect(lines[0].hasSuffix(#"body="hello world""#))
        let delivered = lines[1].split(separator: " ").map(String.init)
        #expect(delivered[1] == "delivered")
        #expect(delivered.contains("queue=\(queues[0])") && delivered.contains("exchange=\(exchange)"))
        #expect(
            trace.stderr
                == "mq: tracing turned on for vhost '\(vhost)' (the firehose costs the broker throughput); mq turns it "
                + "off when it stops\n"
        )
        #expect(try !tracing(vhost), "tracing is off again after --count")
    }

    @Test("--format json: one object per event with the whole message; --exchange and --queue pick the events")
    func jsonEvents() throws {
        let vhost = try scratchVhost("trace.json")
        defer { deleteVhost(vhost) }
        let (exchange, queues) = try topology(vhost)
        let trace = try startTrace(
            vhost,
            ["--format", "json", "--exchange", exchange, "--queue", queues[1], "--count", "2", "--timeout", "20s"])
        let publish = try mq(
            "publish", "--vhost", vhost, "--exchange", exchange, "--key", "orders.created", "--header", "source=web",
            "--message-id", "m-1",
            "--persistent", #"{"id":1}"#)
        #expect(publish.status == 0)
        // A delivery from the other queue is not asked for.
        #expect(try mq("consume", queues[0], "--vhost", vhost, "--count", "1").status == 0)
        #expect(try mq("consume", queues[1], "--vhost", vhost, "--count", "1").status == 0)
        #expect(trace.finish(within: 30) == 0, "\(trace.stderr)")
        let events = try jsonLines(trace.stdout)
        try #require(events.count == 2, "\(trace.stdout)")
        #expect(events[0]["event"] as? String == "publish")
        #expect(events[0]["exchange"] as? String == exchange)
        #expect(events[0]["routing_keys"] as? [String] == ["orders.created"])
        #expect(Set(events[0]["routed_queues"] as? [String] ?? []) == Set(queues))
        #expect(events[0]["body"] as? String == #"{"id":1}"#)
        #expect(events[0]["headers"] as? [String: String] == ["source": "web"])
        let properties = try #require(events[0]["properties"] as? [String: Any])
        #expect(properties["message_id"] as? String == "m-1")
        #expect(properties["delivery_mode"] as? Int == 2)
        #expect(events[1]["event"] as? String == "deliver")
        #expect(events[1]["queue"] as? String == queues[1])
        #expect(events[1]["vhost"] as? String == vhost)
        #expect((events[1]["time"] as? String)?.hasSuffix("Z") == true)
        #expect(try !tracing(vhost))
    }

    @Test("tracing is off again after every way out: a timeout, SIGINT, SIGTERM, and the connection closed")
    func everyWayOut() throws {
        let vhost = try scratchVhost("trace.exits")
        defer { deleteVhost(vhost) }
        // Synchronous, like the other tests that time a signal.
        let timedOut = try startTrace(vhost, ["--timeout", "1s"])
        #expect(timedOut.finish(within: 20) == 0, "\(timedOut.stderr)")
        #expect(try !tracing(vhost), "after --timeout")
        for (signal, status) in [(SIGINT, Int32(130)), (SIGTERM, Int32(143))] {
            let trace = try startTrace(vhost)
            trace.kill(signal)
            #expect(trace.finish(within: 20) == status, "\(trace.stderr)")
            #expect(try !tracing(vhost), "after signal \(signal)")
        }
        let trace = try startTrace(vhost)
        let connection = try eventually {
            let result = try mq("list", "connections", "--columns", "name,vhost", "--json")
            return try jsonArray(result.stdout).first { $0["vhost"] as? String == vhost }?["name"] as? String
        }
        #expect(try mq("close", "connection", try #require(connection)).status == 0)
        #expect(trace.finish(within: 20) == 69, "\(trace.stderr)")
        #expect(try !tracing(vhost), "after the connection was closed")
    }

    @Test("a killed trace leaves tracing on; the next trace says so and turns it off; so does --off")
    func killed() throws {
        let vhost = try scratchVhost("trace.kill")
        defer { deleteVhost(vhost) }
        for next in [["--timeout", "1s"], ["--off"]] {
            let trace = try startTrace(vhost)
            trace.kill(SIGKILL)
            _ = trace.finish(within: 10)
            #expect(
                try eventually { try tracers(vhost).isEmpty ? true : nil } == true, "the killed trace's queue is gone")
            #expect(try tracing(vhost), "tracing is left on")
            let after = try mq(["trace", "--vhost", vhost] + next)
            #expect(after.status == 0, "\(after.stderr)")
            if next == ["--off"] {
                #expect(after.stdout == "tracing turned off for vhost '\(vhost)'\n")
            } else {
                #expect(
                    after.stderr
                        == "mq: tracing was on for vhost '\(vhost)' with nothing tracing (left on by an mq trace that "
                        + "was killed?); mq turns it off when it stops\n"
                )
            }
            #expect(try !tracing(vhost), "after \(next)")
        }
        #expect(try mq("trace", "--vhost", vhost, "--off").stdout == "tracing was already off for vhost '\(vhost)'\n")
    }

    @Test("two traces at once: the first out leaves tracing on for the other, the last turns it off")
    func twoTraces() throws {
        let vhost = try scratchVhost("trace.two")
        defer { deleteVhost(vhost) }
        let first = try startTrace(vhost)
        let second = try MQProcess(["trace", "--vhost", vhost])
        #expect(try eventually { try tracers(vhost).count == 2 ? true : nil } == true, "\(second.stderr)")
        first.kill(SIGTERM)
        #expect(first.finish(within: 20) == 143)
        #expect(try tracing(vhost), "still on for the second trace")
        second.kill(SIGTERM)
        #expect(second.finish(within: 20) == 143)
        #expect(second.stderr.isEmpty, "the second trace found tracing on for the first: nothing to say")
        #expect(try !tracing(vhost))
    }

    @Test(
        "a user who may not switch tracing gets one line, exit 77, and tracing stays off; where tracing is on, that user can trace"
    )
    func notAnAdministrator() throws {
        let vhost = try scratchVhost("trace.user")
        defer { deleteVhost(vhost) }
        let user = TestBroker.uniqueName("tracer")
        #expect(try mq("declare", "user", user, "--tags", "management", stdin: "pw-\(user)\n").status == 0)
        defer { _ = try? mq("delete", "user", user) }
        #expect(try mq("declare", "permission", user, "--vhost", vhost).status == 0)
        let result = try mq(
            ["trace", "--vhost", vhost, "--user", user, "--timeout", "1s"], environment: ["MQ_PASSWORD": "pw-\(user)"])
        #expect(result.status == 77)
        #expect(
            result.stderr
                == "mq: user '\(user)' may not turn tracing on for vhost '\(vhost)' (Not administrator user): that "
                + "needs the administrator tag\n"
        )
        #expect(!result.stderr.contains("pw-\(user)"))
        #expect(try !tracing(vhost))
        // Where an administrator's trace has tracing on, the same user can trace too.
        let administrators = try startTrace(vhost)
        let theirs = try MQProcess(
            ["trace", "--vhost", vhost, "--user", user, "--count", "1", "--timeout", "20s"],
            environment: ["MQ_PASSWORD": "pw-\(user)"])
        #expect(try eventually { try tracers(vhost).count == 2 ? true : nil } == true, "\(theirs.stderr)")
        #expect(try mq("declare", "queue", "seen", "--vhost", vhost).status == 0)
        #expect(try mq("publish", "--vhost", vhost, "--queue", "seen", "seen").status == 0)
        #expect(theirs.finish(within: 30) == 0, "\(theirs.stderr)")
        #expect(theirs.stdout.hasSuffix(" body=seen\n"), "\(theirs.stdout)")
        #expect(theirs.stderr.isEmpty, "\(theirs.stderr)")
        administrators.kill(SIGTERM)
        #expect(administrators.finish(within: 20) == 143)
        #expect(try !tracing(vhost))
    }

    @Test("--off with what only a trace takes is a usage error")
    func usage() throws {
        let result = try mq("trace", "--off", "--count", "1")
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("mq: "))
    }
}
