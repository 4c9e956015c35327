import TestSupport
import Testing

@Suite("mq bind and unbind", .needsBroker, .deletesFreshQueues, .timeLimit(.minutes(5)))
struct BindTests {
    @Test("a queue bound to a topic exchange gets matching messages, until unbound")
    func bindQueue() throws {
        let queue = freshQueue("bound")
        let exchange = freshQueue("topic")
        try mq("declare", "exchange", exchange, "--type", "topic")
        try mq("declare", "queue", queue)
        #expect(try mq("bind", "queue", queue, "--exchange", exchange, "--key", "orders.*").status == 0)
        #expect(try mq("publish", "--exchange", exchange, "--key", "orders.new", "one").status == 0)
        #expect(try mq("get", queue).stdout == "one\n")
        #expect(try mq("unbind", "queue", queue, "--exchange", exchange, "--key", "orders.*").status == 0)
        let unroutable = try mq("publish", "--exchange", exchange, "--key", "orders.new", "two")
        #expect(unroutable.status == 2)
        try cleanUp(queues: [queue], exchanges: [exchange])
    }

    @Test("an exchange bound to an exchange forwards messages")
    func bindExchange() throws {
        let queue = freshQueue("e2e")
        let source = freshQueue("src")
        let destination = freshQueue("dst")
        try mq("declare", "exchange", source, "--type", "fanout")
        try mq("declare", "exchange", destination, "--type", "fanout")
        try mq("declare", "queue", queue)
        try mq("bind", "queue", queue, "--exchange", destination)
        #expect(try mq("bind", "exchange", destination, "--exchange", source).status == 0)
        #expect(try mq("publish", "--exchange", source, "hop").status == 0)
        #expect(try mq("get", queue).stdout == "hop\n")
        #expect(try mq("unbind", "exchange", destination, "--exchange", source).status == 0)
        try cleanUp(queues: [queue], exchanges: [source, destination])
    }

    @Test("a headers binding with --match any routes on any one header")
    func headersMatch() throws {
        let queue = freshQueue("hdr")
        let exchange = freshQueue("headers")
        try mq("declare", "exchange", exchange, "--type", "headers")
        try mq("declare", "queue", queue)
        #expect(
            try mq("bind", "queue", queue, "--exchange", exchange, "--match", "any", "--arg", "a=1", "--arg", "b=2")
                .status == 0)
        #expect(try mq("publish", "--exchange", exchange, "--header", "b=2", "matched").status == 0)
        #expect(try mq("publish", "--exchange", exchange, "--header", "c=3", "unmatched").status == 2)
        #expect(try mq("get", queue, "--count", "5").stdout == "matched\n")
        try cleanUp(queues: [queue], exchanges: [exchange])
    }

    @Test("bind without --exchange is a usage error")
    func missingExchange() throws {
        let result = try mq("bind", "queue", "q")
        #expect(result.status == 64)
        #expect(result.stderr.contains("--exchange"))
    }
}
