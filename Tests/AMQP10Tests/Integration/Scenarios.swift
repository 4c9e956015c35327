import AMQP10
import AMQP10Wire
import Testing
import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// What every peer is put through, over a connection and the address of an empty queue.
enum Scenarios {
    /// Sends `count` messages, expects each accepted, then receives and accepts the same `count`
    /// in order, and finds the queue empty after.
    static func publishAndConsume(_ connection: AMQP10Connection, address: String, count: Int = 200) throws {
        let sender = try connection.openSender(address: address, confirmWindow: 50, deadline: .after(seconds: 10))
        var sent: [UInt32] = []
        for index in 0..<count {
            sent.append(try sender.send(.text("message \(index)"), deadline: .after(seconds: 10)))
        }
        #expect(try sender.waitForOutcomes(deadline: .after(seconds: 10)))
        let outcomes = sender.takeOutcomes()
        #expect(outcomes.map(\.deliveryID).sorted() == sent.sorted())
        #expect(outcomes.allSatisfy { $0.outcome == .accepted })

        let receiver = try connection.openReceiver(address: address, credit: 20, deadline: .after(seconds: 10))
        for index in 0..<count {
            let delivery = try #require(try receiver.nextDelivery(deadline: .after(seconds: 10)))
            #expect(delivery.message.dataBytes == Array("message \(index)".utf8))
            try receiver.settle(delivery.deliveryID, outcome: .accepted)
        }
        try receiver.flush()
        #expect(try receiver.nextDelivery(deadline: .after(seconds: 0.3)) == nil)

        try receiver.close(deadline: .after(seconds: 10))
        try sender.close(deadline: .after(seconds: 10))
        #expect(throws: AMQP10Error.linkDetached(address: address, nil)) {
            try sender.send(.text("after close"), deadline: .after(seconds: 1))
        }
    }

    /// Sends a message of `size` bytes (several frames), receives it whole and settles it.
    static func largeMessage(_ connection: AMQP10Connection, address: String, size: Int = 300_000) throws {
        let body = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let sender = try connection.openSender(address: address, deadline: .after(seconds: 10))
        let id = try sender.send(Message(body: .data([body])), deadline: .after(seconds: 10))
        #expect(try sender.waitForOutcomes(deadline: .after(seconds: 10)))
        #expect(sender.takeOutcomes() == [DeliveryOutcome(deliveryID: id, outcome: .accepted)])
        let receiver = try connection.openReceiver(address: address, credit: 5, deadline: .after(seconds: 10))
        let delivery = try #require(try receiver.nextDelivery(deadline: .after(seconds: 10)))
        #expect(delivery.message.dataBytes == body)
        try receiver.settle(delivery.deliveryID, outcome: .accepted)
        try receiver.flush()
    }

    /// A released message comes back; settled with a rejection it is gone.
    static func releaseComesBack(_ connection: AMQP10Connection, address: String) throws {
        let sender = try connection.openSender(address: address, deadline: .after(seconds: 10))
        _ = try sender.send(.text("again"), deadline: .after(seconds: 10))
        #expect(try sender.waitForOutcomes(deadline: .after(seconds: 10)))
        let receiver = try connection.openReceiver(address: address, credit: 2, deadline: .after(seconds: 10))
        let first = try #require(try receiver.nextDelivery(deadline: .after(seconds: 10)))
        try receiver.settle(first.deliveryID, outcome: .released)
        try receiver.flush()
        let again = try #require(try receiver.nextDelivery(deadline: .after(seconds: 10)))
        #expect(again.message.dataBytes == Array("again".utf8))
        #expect(again.deliveryID != first.deliveryID)
        try receiver.settle(again.deliveryID, outcome: .rejected(nil))
        try receiver.flush()
        #expect(try receiver.nextDelivery(deadline: .after(seconds: 0.3)) == nil)
    }

    /// `fetchOne` takes one message, then drains an empty queue to nil.
    static func fetchOne(_ connection: AMQP10Connection, address: String) throws {
        let sender = try connection.openSender(address: address, deadline: .after(seconds: 10))
        _ = try sender.send(.text("one"), deadline: .after(seconds: 10))
        #expect(try sender.waitForOutcomes(deadline: .after(seconds: 10)))
        let receiver = try connection.openReceiver(address: address, credit: 0, deadline: .after(seconds: 10))
        let delivery = try #require(try receiver.fetchOne(deadline: .after(seconds: 10)))
        #expect(delivery.message.dataBytes == Array("one".utf8))
        try receiver.settle(delivery.deliveryID, outcome: .accepted)
        let started = Deadline.now
        #expect(try receiver.fetchOne(deadline: .after(seconds: 10)) == nil)
        // The peer answered the drain; the deadline did not pass.
        #expect(Deadline.now.seconds(since: started) < 5)
    }

    /// Waiting for a delivery ends as soon as a watched pipe becomes readable.
    static func watchesDescriptor(_ connection: AMQP10Connection, address: String) throws {
        let receiver = try connection.openReceiver(address: address, credit: 5, deadline: .after(seconds: 10))
        var pipeEnds: [Int32] = [-1, -1]
        #expect(pipe(&pipeEnds) == 0)
        defer {
            close(pipeEnds[0])
            close(pipeEnds[1])
        }
        #expect(write(pipeEnds[1], "x", 1) == 1)
        let started = Deadline.now
        let event = try receiver.nextDelivery(
            deadline: .after(seconds: 10), watching: pipeEnds[0], events: Int16(POLLIN))
        #expect(event == .descriptor(Int16(POLLIN)))
        #expect(Deadline.now.seconds(since: started) < 5)
    }
}
