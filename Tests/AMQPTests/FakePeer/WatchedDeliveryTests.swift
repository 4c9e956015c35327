import AMQP
import AMQPWire
import TestSupport
import Testing
import Transport

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Waiting for a delivery while watching another descriptor", .timeLimit(.minutes(5)))
struct WatchedDeliveryTests {
    @Test("a delivery that arrives first is the delivery; the watched pipe stays quiet")
    func deliveryFirst() throws {
        let (client, peer) = try FakePeer.start { broker in
            try broker.handshake()
            try broker.acceptChannel()
            _ = try broker.answer(1)
            try broker.send(BasicDeliver(consumerTag: "amq.ctag-1", deliveryTag: 7, routingKey: "orders"), channel: 1)
            try broker.sendContent(Array("hello".utf8))
            try broker.acceptClose()
        }
        let pipe = try Pipe()
        defer { pipe.close() }
        let connection = try connect(client)
        let channel = try connection.openChannel()
        try channel.consume(queue: "orders", deadline: .after(seconds: 5))
        let waited = try channel.nextDelivery(deadline: .after(seconds: 5), watching: pipe.write, events: 0)
        guard case .delivery(let delivery) = waited else {
            Issue.record("expected the delivery, got \(waited)")
            return
        }
        #expect(delivery.deliveryTag == 7)
        #expect(delivery.body == Array("hello".utf8))
        connection.close(deadline: .after(seconds: 5))
        try peer.finish()
    }

    @Test("a pipe whose reader closes ends the wait at once with POLLERR, and the connection stays usable")
    func readerCloses() throws {
        let (client, peer) = try FakePeer.start { broker in
            try broker.handshake()
            try broker.acceptChannel()
            _ = try broker.answer(1)
            try broker.acceptClose()
        }
        let pipe = try Pipe()
        defer { Glibc.close(pipe.write) }
        let connection = try connect(client)
        let channel = try connection.openChannel()
        try channel.consume(queue: "orders", deadline: .after(seconds: 5))
        #expect(try channel.nextDelivery(deadline: .after(seconds: 0.05), watching: pipe.write, events: 0).isTimedOut)
        Glibc.close(pipe.read)
        let waited = try channel.nextDelivery(deadline: .after(seconds: 30), watching: pipe.write, events: 0)
        guard case .descriptor(let revents) = waited else {
            Issue.record("expected the pipe's hang-up, got \(waited)")
            return
        }
        #expect(revents & Int16(POLLERR) != 0)
        #expect(
            try connection.wait(forDescriptor: pipe.write, events: 0, until: .after(seconds: 30)).map {
                $0 & Int16(POLLERR) != 0
            } == true)
        connection.close(deadline: .after(seconds: 5))
        try peer.finish()
    }

    /// Both ends of a pipe.
    struct Pipe {
        let read: Int32
        let write: Int32

        init() throws {
            var ends: [Int32] = [-1, -1]
            guard pipe(&ends) == 0 else { throw SystemError(call: "pipe", code: errno) }
            (read, write) = (ends[0], ends[1])
        }

        func close() {
            Glibc.close(read)
            Glibc.close(write)
        }
    }
}

extension Channel.DeliveryOrEvent {
    var isTimedOut: Bool {
        if case .timedOut = self { true } else { false }
    }
}
