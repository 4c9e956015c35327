import Foundation
import TestSupport
import Testing

/// `mq route` against the broker as the oracle: a topology of every exchange type, exchange-to-
/// exchange bindings and an alternate exchange; for each case the queues `mq route` names are
/// compared with the queues a probe published the same way reached.
@Suite("mq route against the broker", .needsBroker, .deletesFreshQueues)
struct RouteOracleTests {
    /// One message to route: where it is published, its key and headers (NDJSON values).
    struct Case {
        let exchange: String
        let key: String
        var headers: [(String, String)] = []
    }

    private let suffix = String(UUID().uuidString.prefix(8))
    private func exchange(_ name: String) -> String { "mq-test-route-\(name)-\(suffix)" }

    private func run(_ arguments: String...) throws {
        let result = try mq(arguments)
        try #require(result.status == 0, "\(arguments): \(result.stderr)")
    }

    /// Declares the topology; the queues by name.
    private func declareTopology() throws -> [String] {
        var queues: [String] = []
        func queue(_ label: String) throws -> String {
            let name = freshQueue("route.\(label)")
            try run("declare", "queue", name)
            queues.append(name)
            return name
        }
        try run("declare", "exchange", exchange("ae"), "--type", "fanout")
        for (name, type) in [("t", "topic"), ("t2", "topic"), ("d", "direct"), ("f", "fanout"), ("h", "headers")] {
            try run("declare", "exchange", exchange(name), "--type", type)
        }
        try run("declare", "exchange", exchange("a"), "--type", "direct", "--alternate-exchange", exchange("ae"))
        let patterns = ["#", "a.#", "#.a", "a.*", "*.b", "a.#.b", "*", "a.b.c", "#.#", "a.*.#", "", "*.*", "#.b.#", "b", "a..b"]
        for (index, pattern) in patterns.enumerated() {
            try run("bind", "queue", try queue("t\(index)"), "--exchange", exchange("t"), "--key", pattern)
        }
        for (label, key) in [("da", "a"), ("db", "b"), ("dab", "a.b"), ("dempty", "")] {
            try run("bind", "queue", try queue(label), "--exchange", exchange("d"), "--key", key)
        }
        try run("bind", "queue", try queue("f"), "--exchange", exchange("f"))
        try run("bind", "exchange", exchange("t2"), "--exchange", exchange("t"), "--key", "*.c")
        try run("bind", "queue", try queue("t2"), "--exchange", exchange("t2"), "--key", "#")
        try run("bind", "exchange", exchange("f"), "--exchange", exchange("t2"), "--key", "a.#")
        try run("bind", "exchange", exchange("f"), "--exchange", exchange("d"), "--key", "b")
        try run("bind", "queue", try queue("aa"), "--exchange", exchange("a"), "--key", "a")
        try run("bind", "queue", try queue("ae"), "--exchange", exchange("ae"))
        let headerBindings: [(String, [String])] = [
            ("hall", ["--match", "all", "--arg", "k=1", "--arg", "f=x"]),
            ("hany", ["--match", "any", "--arg", "k=1", "--arg", "f=x"]),
            ("hallx", ["--match", "all-with-x", "--arg", "x-k=1"]),
            ("hanyx", ["--match", "any-with-x", "--arg", "x-k=1", "--arg", "f=y"]),
            ("hnone", ["--match", "all"]),
            ("hstring", ["--match", "all", "--arg-string", "k=1"]),
            ("hignored", ["--match", "all", "--arg", "x-k=1"]),
        ]
        for (label, arguments) in headerBindings {
            let result = try mq(["bind", "queue", try queue(label), "--exchange", exchange("h")] + arguments)
            try #require(result.status == 0, "\(label): \(result.stderr)")
        }
        return queues
    }

    /// Routing keys of one to three words from a, b, c, and a few odd ones.
    private var keys: [String] {
        let words = ["a", "b", "c"]
        var keys = words
        for first in words { for second in words { keys.append("\(first).\(second)") } }
        for first in words { for second in words { for third in words { keys.append("\(first).\(second).\(third)") } } }
        return keys + ["", "a..b", ".a", "a.", "d"]
    }

    private func cases(queues: [String]) -> [Case] {
        var cases: [Case] = []
        for name in ["t", "t2", "d", "a", "f"] { cases += keys.map { Case(exchange: exchange(name), key: $0) } }
        let k: [String?] = [nil, "1", "2", "\"1\""]
        let f: [String?] = [nil, "\"x\"", "\"y\""]
        let xk: [String?] = [nil, "1"]
        for kValue in k {
            for fValue in f {
                for xkValue in xk {
                    let headers = [("k", kValue), ("f", fValue), ("x-k", xkValue)].compactMap { name, value in value.map { (name, $0) } }
                    cases.append(Case(exchange: exchange("h"), key: "", headers: headers))
                }
            }
        }
        cases += [queues[0], queues[1], "no-such-queue-\(suffix)"].map { Case(exchange: "", key: $0) }
        return cases
    }

    /// `mq route`'s queues for one case (empty when it says unroutable, exit 2).
    private func predicted(_ probe: Case) throws -> Set<String> {
        var arguments = ["route", "--exchange", probe.exchange, "--key", probe.key, "--json"]
        for (name, value) in probe.headers {
            arguments += value.hasPrefix("\"") ? ["--header-string", "\(name)=\(value.dropFirst().dropLast())"] : ["--header", "\(name)=\(value)"]
        }
        let result = try mq(arguments)
        #expect(result.status == 0 || result.status == 2, "\(arguments): \(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stderr)")
        let queues = try #require(object["queues"] as? [[String: Any]])
        #expect((object["unroutable"] as? Bool) == queues.isEmpty)
        #expect((result.status == 2) == queues.isEmpty)
        return Set(queues.compactMap { $0["queue"] as? String })
    }

    @Test("the queues mq route names are the queues the broker routes a probe to, in every case")
    func oracle() throws {
        let queues = try declareTopology()
        defer { try? cleanUp(exchanges: ["t", "t2", "d", "f", "h", "a", "ae"].map(exchange)) }
        let cases = cases(queues: queues)
        let lines = cases.enumerated().map { index, probe in
            let headers = probe.headers.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",")
            let key = probe.key.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "{\"body\":\"case-\(index)\",\"exchange\":\"\(probe.exchange)\",\"routing_key\":\"\(key)\",\"headers\":{\(headers)}}\n"
        }
        let published = try mq("publish", "--ndjson", "--no-mandatory", stdin: lines.joined())
        try #require(published.status == 0, "\(published.stderr)")
        var actual = [Set<String>](repeating: [], count: cases.count)
        for queue in queues {
            let consumed = try mq("consume", queue, "--timeout", "300ms")
            for line in consumed.stdout.split(separator: "\n") {
                if let index = Int(line.dropFirst("case-".count)) { actual[index].insert(queue) }
            }
        }
        var mismatches: [String] = []
        for (index, probe) in cases.enumerated() {
            let expected = try predicted(probe)
            if expected != actual[index] {
                mismatches.append(
                    "\(probe.exchange) '\(probe.key)' \(probe.headers): mq route \(expected.sorted()), broker \(actual[index].sorted())")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) of \(cases.count) cases differ:\n\(mismatches.joined(separator: "\n"))")
        #expect(cases.count >= 240)
        print("mq route: \(cases.count) cases checked against the broker, \(mismatches.count) differ")
    }

    @Test("one queue per line, --verbose shows the path, an unknown exchange is exit 1")
    func output() throws {
        let queues = try declareTopology()
        defer { try? cleanUp(exchanges: ["t", "t2", "d", "f", "h", "a", "ae"].map(exchange)) }
        let plain = try mq("route", "--exchange", exchange("d"), "--key", "b")
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(Set(plain.stdout.split(separator: "\n").map(String.init)) == [queues[16], queues[19]])
        let verbose = try mq("route", "--exchange", exchange("a"), "--key", "zzz", "--verbose")
        #expect(
            verbose.stdout.contains("\(exchange("a")) (direct) -[alternate]-> \(exchange("ae")) (fanout) -[]-> \(queues[22])\n"), "\(verbose.stdout)")
        let missing = try mq("route", "--exchange", "no-such-exchange-\(suffix)", "--key", "k")
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("NOT_FOUND"))
        let unroutable = try mq("route", "--exchange", exchange("d"), "--key", "nothing")
        #expect(unroutable.status == 2)
        #expect(unroutable.stderr.contains("would be unroutable"))
    }
}
