import AMQPWire
import Testing

@testable import AMQP

@Suite("The channel state machine")
struct ChannelMachineTests {
    /// A machine whose `channel.open` was sent, its open-ok owed.
    func opening(_ number: UInt16 = 1) -> ChannelMachine {
        var machine = ChannelMachine(number: number)
        machine.owe(ChannelOpenOk.id)
        return machine
    }

    /// A machine that has received its open-ok.
    func open() throws -> ChannelMachine {
        var machine = opening()
        #expect(try machine.receive(method(.channelOpenOk(ChannelOpenOk()))) == nil)
        return machine
    }

    func method(_ method: Method, on channel: UInt16 = 1) -> Frame { .method(channel: channel, method) }

    static let deliver = Method.basicDeliver(
        BasicDeliver(consumerTag: "c", deliveryTag: 7, redelivered: false, exchange: "", routingKey: "q"))

    func header(bodySize: UInt64) -> Frame {
        .header(channel: 1, ContentHeader(bodySize: bodySize, properties: BasicProperties()))
    }

    @Test("opening becomes open when the owed open-ok arrives; a reply owed to nothing waits for its caller")
    func opens() throws {
        var machine = opening()
        #expect(machine.state == .opening)
        _ = try machine.receive(method(.channelOpenOk(ChannelOpenOk())))
        #expect(machine.state == .open)
        _ = try machine.receive(method(.queuePurgeOk(QueuePurgeOk(messageCount: 3))))
        let reply = machine.replies.pop()
        #expect(reply == .queuePurgeOk(QueuePurgeOk(messageCount: 3)))
    }

    @Test("a reply other than the owed one is a violation naming both")
    func wrongOwedReply() {
        var machine = opening()
        do {
            _ = try machine.receive(method(.queuePurgeOk(QueuePurgeOk())))
            Issue.record("expected a violation")
        } catch {
            #expect(error == .owedReplyMismatch(owed: ChannelOpenOk.id, got: QueuePurgeOk.id, channel: 1))
        }
    }

    @Test("channel.flow stops and restarts publishing, each answered with flow-ok")
    func flow() throws {
        var machine = try open()
        #expect(try machine.receive(method(.channelFlow(ChannelFlow(active: false)))) == .flowOk(active: false))
        #expect(machine.state == .flowStopped)
        #expect(!machine.flowActive)
        #expect(try machine.receive(method(.channelFlow(ChannelFlow(active: true)))) == .flowOk(active: true))
        #expect(machine.state == .open)
        #expect(machine.flowActive)
    }

    @Test("a message in three frames is one delivery, and a method inside it is a violation")
    func assembly() throws {
        var machine = try open()
        _ = try machine.receive(method(Self.deliver))
        _ = try machine.receive(header(bodySize: 3))
        _ = try machine.receive(.body(channel: 1, [1, 2]))
        #expect(machine.deliveries.isEmpty)
        _ = try machine.receive(.body(channel: 1, [3]))
        let popped = machine.deliveries.pop()
        let delivery = try #require(popped)
        #expect(delivery.deliveryTag == 7)
        #expect(delivery.body == [1, 2, 3])

        _ = try machine.receive(method(Self.deliver))
        do {
            _ = try machine.receive(method(.basicCancelOk(BasicCancelOk(consumerTag: "c"))))
            Issue.record("expected a violation")
        } catch {
            #expect(error == .methodInsideContent(BasicCancelOk.id, channel: 1))
        }
    }

    @Test(
        "the broker's channel.close closes it with the reason and is answered with close-ok; later frames are ignored")
    func closedByBroker() throws {
        var machine = try open()
        let close = ChannelClose(replyCode: 404, replyText: "NOT_FOUND - no queue 'q'", classId: 50, methodId: 10)
        #expect(try machine.receive(method(.channelClose(close))) == .closeOk)
        let reason = CloseReason(replyCode: .notFound, replyText: close.replyText, classID: 50, methodID: 10)
        #expect(machine.state == .closed(.byBroker(reason)))
        #expect(machine.closeReason == reason)
        #expect(try machine.receive(method(Self.deliver)) == nil)
        #expect(try machine.receive(.body(channel: 1, [1])) == nil)
        #expect(machine.deliveries.isEmpty)
    }

    @Test("while we close, everything but close-ok (or the broker's own close) is discarded")
    func closing() throws {
        var machine = try open()
        machine.closeSent()
        #expect(machine.state == .closing)
        #expect(try machine.receive(method(Self.deliver)) == nil)
        #expect(try machine.receive(header(bodySize: 1)) == nil)
        #expect(try machine.receive(method(.queuePurgeOk(QueuePurgeOk()))) == nil)
        #expect(machine.deliveries.isEmpty && machine.replies.isEmpty)
        #expect(try machine.receive(method(.channelCloseOk(ChannelCloseOk()))) == nil)
        #expect(machine.state == .closed(.byUs))
        #expect(machine.closeReason == nil)
    }

    @Test("a close from the broker while we close is answered, and its reason kept")
    func bothClose() throws {
        var machine = try open()
        machine.closeSent()
        let close = ChannelClose(replyCode: 406, replyText: "PRECONDITION_FAILED - x")
        #expect(try machine.receive(method(.channelClose(close))) == .closeOk)
        #expect(machine.closeReason?.replyCode == .preconditionFailed)
    }

    @Test("a consumer cancelled by the broker is remembered and answered unless no-wait")
    func cancel() throws {
        var machine = try open()
        #expect(
            try machine.receive(method(.basicCancel(BasicCancel(consumerTag: "a")))) == .cancelOk(consumerTag: "a"))
        #expect(try machine.receive(method(.basicCancel(BasicCancel(consumerTag: "b", noWait: true)))) == nil)
        #expect(machine.cancelledConsumers == ["a", "b"])
    }

    @Test("acks without confirm mode are a violation; in confirm mode they become confirmations")
    func confirms() throws {
        var machine = try open()
        do {
            _ = try machine.receive(method(.basicAck(BasicAck(deliveryTag: 1))))
            Issue.record("expected a violation")
        } catch {
            #expect(error == .confirmWithoutConfirmMode(acked: true, channel: 1))
        }
        machine.confirms = ConfirmTracker()
        _ = machine.confirms?.published(exchange: "", routingKey: "q")
        _ = machine.confirms?.published(exchange: "", routingKey: "q")
        _ = try machine.receive(method(.basicNack(BasicNack(deliveryTag: 2, multiple: true))))
        #expect(
            machine.confirmations == [
                Confirmation(sequence: 1, outcome: .nacked), Confirmation(sequence: 2, outcome: .nacked),
            ])
    }
}
