import Foundation
import TestSupport
import Testing

@Suite("mq declare", .needsBroker, .deletesFreshQueues, .timeLimit(.minutes(5)))
struct DeclareTests {
    @Test("declaring twice with the same settings succeeds; other settings exit 1 with the broker's text")
    func idempotentAndMismatch() throws {
        let queue = freshQueue("decl")
        #expect(try mq("declare", "queue", queue, "--max-length", "10").status == 0)
        #expect(try mq("declare", "queue", queue, "--max-length", "10").status == 0)
        let mismatch = try mq("declare", "queue", queue, "--max-length", "20")
        #expect(mismatch.status == 1)
        #expect(
            mismatch.stderr.hasPrefix(
                "mq: queue '\(queue)' in vhost '/': PRECONDITION_FAILED (406) - inequivalent arg 'x-max-length'"))
        #expect(mismatch.stderr.split(separator: "\n").count == 1)
    }

    @Test("every queue option reaches the broker")
    func queueOptions() throws {
        let queue = freshQueue("opts")
        let result = try mq(
            "declare", "queue", queue, "--auto-delete", "--max-length", "5", "--max-length-bytes", "1000",
            "--message-ttl", "30s", "--expires", "5m", "--dead-letter-exchange", "dlx", "--dead-letter-routing-key",
            "dead",
            "--max-priority", "9", "--arg", "x-overflow=reject-publish", "--json")
        #expect(result.status == 0)
        let object = try #require(try jsonLines(result.stdout).first)
        #expect(object["name"] as? String == queue)
        #expect(object["messages"] as? Int == 0)
        // Redeclaring with the same typed arguments is accepted only if each was typed the same way
        // (1kB is the same 1000 bytes, as a long integer).
        let again = try mq(
            "declare", "queue", queue, "--auto-delete", "--max-length", "5", "--max-length-bytes", "1kB",
            "--message-ttl", "30000ms", "--expires", "300s", "--dead-letter-exchange", "dlx",
            "--dead-letter-routing-key", "dead",
            "--max-priority", "9", "--arg", "x-overflow=reject-publish")
        #expect(again.status == 0, "\(again.stderr)")
    }

    @Test("quorum and stream queues are declared with --type")
    func queueTypes() throws {
        for type in ["quorum", "stream"] {
            let queue = freshQueue(type)
            #expect(try mq("declare", "queue", queue, "--type", type).status == 0)
            #expect(try mq("declare", "queue", queue, "--passive").status == 0)
        }
    }

    @Test("--passive on a missing queue exits 1 saying not found")
    func passiveMissing() throws {
        let result = try mq("declare", "queue", freshQueue("missing"), "--passive")
        #expect(result.status == 1)
        #expect(result.stderr.contains("NOT_FOUND (404)"))
    }

    @Test("--server-named prints only the broker's name")
    func serverNamed() throws {
        let result = try mq("declare", "queue", "--server-named", "--exclusive")
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("amq.gen-"))
        #expect(result.stdout.split(separator: "\n").count == 1)
    }

    @Test("exchanges of each type, with options, are declared and deleted")
    func exchanges() throws {
        for type in ["direct", "fanout", "topic", "headers"] {
            let exchange = freshQueue("x-\(type)")
            let result = try mq(
                "declare", "exchange", exchange, "--type", type, "--no-durable", "--auto-delete",
                "--alternate-exchange", "ae")
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try mq("declare", "exchange", exchange, "--passive").status == 0)
            #expect(try mq("delete", "exchange", exchange).status == 0)
        }
        let internalExchange = freshQueue("x-internal")
        #expect(try mq("declare", "exchange", internalExchange, "--internal").status == 0)
        try cleanUp(exchanges: [internalExchange])
    }

    @Test("a plugin exchange type the broker lacks is refused with its text")
    func unknownExchangeType() throws {
        let result = try mq("declare", "exchange", freshQueue("x"), "--type", "x-no-such-type")
        #expect(result.status != 0)
        #expect(result.stderr.contains("x-no-such-type"))
    }
}
