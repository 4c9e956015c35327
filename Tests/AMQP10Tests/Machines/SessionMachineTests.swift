import AMQP10Wire
import Testing

@testable import AMQP10

@Suite("SessionMachine")
struct SessionMachineTests {
    /// A session the peer has begun, its incoming window `window`.
    private func mapped(peerMaxFrameSize: UInt32 = 512, window: UInt32 = 100) throws -> SessionMachine {
        var session = SessionMachine(channel: 0, peerMaxFrameSize: peerMaxFrameSize, incomingWindow: 10)
        #expect(session.begin().count == 1)
        let begin = Begin(remoteChannel: 0, nextOutgoingID: 0, incomingWindow: window, outgoingWindow: 100)
        #expect(try session.received(.begin(begin), payload: []) == [])
        #expect(session.state == .mapped)
        return session
    }

    private func flow(
        handle: UInt32, deliveryCount: UInt32, credit: UInt32, drain: Bool = false, peerWindow: UInt32 = 100
    ) -> Performative {
        .flow(
            Flow(
                nextIncomingID: 0, incomingWindow: peerWindow, nextOutgoingID: 0, outgoingWindow: 100, handle: handle,
                deliveryCount: deliveryCount, linkCredit: credit, drain: drain))
    }

    /// A sender link attached as peer handle 9, with `credit`.
    private func withSender(_ session: inout SessionMachine, credit: UInt32, peerWindow: UInt32 = 100) throws
        -> UInt32
    {
        let (handle, frames) = session.attachSender(address: "q")
        guard case .amqp(_, .attach(var attach), _) = frames.first else {
            Issue.record("no attach")
            return handle
        }
        attach.role = .receiver
        attach.handle = 9
        _ = try session.received(.attach(attach), payload: [])
        #expect(session.linkState(handle: handle) == .attached)
        _ = try session.received(
            flow(handle: 9, deliveryCount: 0, credit: credit, peerWindow: peerWindow), payload: [])
        return handle
    }

    @Test("a message larger than a frame goes out in several, the first with the delivery id and tag")
    func splits() throws {
        var session = try mapped()
        let handle = try withSender(&session, credit: 1)
        let payload = [UInt8](repeating: 1, count: 1000)
        guard case .sent(let id, let frames) = session.send(handle: handle, payload: payload) else {
            Issue.record("not sent")
            return
        }
        #expect(id == 0)
        #expect(frames.count == 3)
        var joined: [UInt8] = []
        for (index, frame) in frames.enumerated() {
            guard case .amqp(_, .transfer(let transfer), let part) = frame else { continue }
            #expect(transfer.more == (index < 2))
            #expect((transfer.deliveryID != nil) == (index == 0))
            #expect(part.count + 64 <= 512)
            joined += part
        }
        #expect(joined == payload)
        #expect(session.send(handle: handle, payload: [1]) == .noCredit)
    }

    @Test("the peer's session window bounds how many transfer frames go out")
    func window() throws {
        var session = try mapped(window: 2)
        let handle = try withSender(&session, credit: 10, peerWindow: 2)
        #expect(session.send(handle: handle, payload: [UInt8](repeating: 0, count: 1000)) == .windowFull)
        guard case .sent = session.send(handle: handle, payload: [1]) else {
            Issue.record("a one-frame message not sent")
            return
        }
        #expect(session.canSend(handle: handle, payloadCount: 1))
        #expect(!session.canSend(handle: handle, payloadCount: 500))
    }

    @Test("a disposition range gives each unsettled delivery its outcome; an unsettled one is settled back")
    func outcomes() throws {
        var session = try mapped()
        let handle = try withSender(&session, credit: 5)
        for _ in 0..<3 { _ = session.send(handle: handle, payload: [0]) }
        let accepted = Disposition(role: .receiver, first: 0, last: 1, settled: true, state: .accepted)
        #expect(try session.received(.disposition(accepted), payload: []) == [])
        let rejected = Disposition(
            role: .receiver, first: 2, settled: false, state: .rejected(Rejected(error: AMQPError(condition: "x"))))
        let answer = try session.received(.disposition(rejected), payload: [])
        guard case .amqp(_, .disposition(let settle), _) = answer.first else {
            Issue.record("not settled back")
            return
        }
        #expect(settle.role == .sender && settle.settled && settle.first == 2)
        let taken = session.takeOutcomes(handle: handle)
        #expect(taken.map(\.0) == [0, 1, 2])
        #expect(taken.map(\.1) == [.accepted, .accepted, .rejected(AMQPError(condition: "x"))])
        #expect(session.sender(handle)?.unsettled.isEmpty == true)
    }

    @Test("a drain from the receiver uses up the credit and says so")
    func senderDrain() throws {
        var session = try mapped()
        let handle = try withSender(&session, credit: 0)
        let answer = try session.received(flow(handle: 9, deliveryCount: 0, credit: 4, drain: true), payload: [])
        guard case .amqp(_, .flow(let flow), _) = answer.first else {
            Issue.record("no answer to the drain")
            return
        }
        #expect(flow.deliveryCount == 4 && flow.linkCredit == 0 && flow.drain)
        #expect(session.sender(handle)?.credit == 0)
    }

    /// A receiver link attached as peer handle 5, granting `credit`.
    private func withReceiver(_ session: inout SessionMachine, credit: UInt32, limit: UInt64? = nil) throws -> (
        UInt32, Flow?
    ) {
        let (handle, frames) = session.attachReceiver(address: "q", credit: credit, limit: limit)
        guard case .amqp(_, .attach(var attach), _) = frames.first else { return (handle, nil) }
        #expect(attach.source?.address == "q")
        attach.role = .sender
        attach.handle = 5
        attach.initialDeliveryCount = 0
        let answer = try session.received(.attach(attach), payload: [])
        guard case .amqp(_, .flow(let flow), _) = answer.first else { return (handle, nil) }
        return (handle, flow)
    }

    private func transfer(_ id: UInt32?, more: Bool = false) -> Performative {
        .transfer(Transfer(handle: 5, deliveryID: id, deliveryTag: id.map { [UInt8($0)] }, more: more))
    }

    private static let messageBytes: [UInt8] = {
        var writer = ByteWriter()
        try? Message(body: .data([[1, 2, 3]])).encode(to: &writer)
        return writer.bytes
    }()

    @Test("a receiver grants its credit at attach, joins a multi-frame delivery and tops up at half the target")
    func receives() throws {
        var session = try mapped()
        let (handle, grant) = try withReceiver(&session, credit: 4)
        #expect(grant?.linkCredit == 4 && grant?.handle == handle)
        let bytes = Self.messageBytes
        _ = try session.received(transfer(0, more: true), payload: Array(bytes[..<3]))
        #expect(session.takeDelivery(handle: handle) == nil)
        _ = try session.received(transfer(nil), payload: Array(bytes[3...]))
        for id: UInt32 in 1...2 { _ = try session.received(transfer(id), payload: bytes) }
        let taken = session.takeDelivery(handle: handle)
        let first = try #require(taken)
        #expect(first.0.deliveryID == 0 && first.0.payload == bytes)
        #expect(first.0.message.body == .data([[1, 2, 3]]))
        #expect(first.1.isEmpty)
        // One credit left and one delivery waiting: half the target, so the credit is topped up.
        let second = session.takeDelivery(handle: handle)
        guard case .amqp(_, .flow(let topUp), _) = second?.1.first else {
            Issue.record("no top-up")
            return
        }
        #expect(topUp.linkCredit == 3 && topUp.deliveryCount == 3)
    }

    @Test("a receiver with a limit never grants credit past it: 4 wanted with a credit of 3, then 1, then none")
    func limited() throws {
        var session = try mapped()
        let (handle, grant) = try withReceiver(&session, credit: 3, limit: 4)
        #expect(grant?.linkCredit == 3)
        for id: UInt32 in 0...2 { _ = try session.received(transfer(id), payload: Self.messageBytes) }
        _ = session.takeDelivery(handle: handle)
        let second = session.takeDelivery(handle: handle)
        guard case .amqp(_, .flow(let topUp), _) = second?.1.first else {
            Issue.record("no top-up")
            return
        }
        #expect(topUp.linkCredit == 1, "one of the four left to receive")
        _ = try session.received(transfer(3), payload: Self.messageBytes)
        #expect(session.takeDelivery(handle: handle)?.1.isEmpty == true)
        #expect(session.takeDelivery(handle: handle)?.1.isEmpty == true, "all four received: no more credit")
        #expect(throws: ProtocolViolation.windowViolation) {
            try session.received(transfer(4), payload: Self.messageBytes)
        }
    }

    @Test("a transfer beyond the credit granted is a window violation")
    func beyondCredit() throws {
        var session = try mapped()
        _ = try withReceiver(&session, credit: 1)
        _ = try session.received(transfer(0), payload: Self.messageBytes)
        #expect(throws: ProtocolViolation.windowViolation) {
            try session.received(transfer(1), payload: Self.messageBytes)
        }
    }

    @Test("a frame for a handle never attached is an unattached-handle violation")
    func unattached() throws {
        var session = try mapped()
        #expect(throws: ProtocolViolation.unattachedHandle(42)) {
            try session.received(.detach(Detach(handle: 42)), payload: [])
        }
    }

    @Test("our incoming window is widened again once half of it is used")
    func widens() throws {
        var session = try mapped()
        _ = try withReceiver(&session, credit: 100)
        var flows = 0
        for id: UInt32 in 0..<10 {
            flows += try session.received(transfer(id), payload: Self.messageBytes).count
        }
        #expect(flows == 2)
    }

    @Test("the peer's detach with an error ends the link with it, and is answered")
    func detached() throws {
        var session = try mapped()
        let handle = try withSender(&session, credit: 1)
        let error = AMQPError(condition: "amqp:not-found", description: "gone")
        let answer = try session.received(.detach(Detach(handle: 9, closed: true, error: error)), payload: [])
        #expect(answer == [.amqp(channel: 0, .detach(Detach(handle: handle, closed: true)), payload: [])])
        #expect(session.linkState(handle: handle) == .detached(error))
    }

    @Test("the peer's end with an error ends the session with it, and is answered")
    func ended() throws {
        var session = try mapped()
        let error = AMQPError(condition: "amqp:not-found")
        let answer = try session.received(.end(End(error: error)), payload: [])
        #expect(answer == [.amqp(channel: 0, .end(End()), payload: [])])
        #expect(session.state == .ended(error))
    }

    @Test("an answer to an earlier drain does not end the current one; the answer that uses its credit does")
    func staleDrainAnswer() throws {
        var session = try mapped()
        let (handle, _) = try withReceiver(&session, credit: 0)
        _ = session.drain(handle: handle, credit: 1)
        _ = try session.received(transfer(0), payload: Self.messageBytes)
        _ = session.takeDelivery(handle: handle)
        let second = session.drain(handle: handle, credit: 1)
        guard case .amqp(_, .flow(let asked), _) = second.first else {
            Issue.record("no drain flow")
            return
        }
        #expect(asked.drain && asked.deliveryCount == 1 && asked.linkCredit == 1)
        // The sender's answer to the first drain arrives late: delivery-count 1, no credit.
        _ = try session.received(flow(handle: 5, deliveryCount: 1, credit: 0, drain: true), payload: [])
        #expect(session.receiver(handle)?.draining == true)
        _ = try session.received(flow(handle: 5, deliveryCount: 2, credit: 0, drain: true), payload: [])
        #expect(session.receiver(handle)?.draining == false)
    }

    @Test("settling a range sends one disposition from first to last with the outcome's state")
    func settlesRange() {
        let session = SessionMachine(channel: 2, peerMaxFrameSize: 512)
        let frames = session.settle(
            first: 3, last: 9, outcome: .modified(deliveryFailed: true, undeliverableHere: false))
        let modified = Modified(deliveryFailed: true, undeliverableHere: false)
        let disposition = Disposition(role: .receiver, first: 3, last: 9, settled: true, state: .modified(modified))
        #expect(frames == [.amqp(channel: 2, .disposition(disposition), payload: [])])
        let single = session.settle(first: 4, last: 4, outcome: .rejected(AMQPError(condition: "amqp:invalid-field")))
        let rejected = Disposition(
            role: .receiver, first: 4, settled: true,
            state: .rejected(Rejected(error: AMQPError(condition: "amqp:invalid-field"))))
        #expect(single == [.amqp(channel: 2, .disposition(rejected), payload: [])])
    }

    @Test("a receiver's attach names the source; a sender's names the target and sends unsettled")
    func attaches() {
        var session = SessionMachine(channel: 0, peerMaxFrameSize: 512)
        let (_, senderFrames) = session.attachSender(address: "/queues/out")
        let (_, receiverFrames) = session.attachReceiver(address: "/queues/in", credit: 10, limit: nil)
        guard case .amqp(_, .attach(let sender), _) = senderFrames.first,
            case .amqp(_, .attach(let receiver), _) = receiverFrames.first
        else {
            Issue.record("no attach")
            return
        }
        #expect(sender.role == .sender && sender.target?.address == "/queues/out" && sender.sndSettleMode == .unsettled)
        #expect(receiver.role == .receiver && receiver.source?.address == "/queues/in")
        #expect(receiver.rcvSettleMode == .first && sender.handle != receiver.handle)
    }

    @Test("an aborted delivery is dropped, its credit spent")
    func aborted() throws {
        var session = try mapped()
        let (handle, _) = try withReceiver(&session, credit: 2)
        _ = try session.received(transfer(0, more: true), payload: [0x00, 0x53])
        var abort = Transfer(handle: 5, more: false)
        abort.aborted = true
        _ = try session.received(.transfer(abort), payload: [])
        #expect(session.takeDelivery(handle: handle) == nil)
        #expect(session.receiver(handle)?.credit == 1)
        _ = try session.received(transfer(1), payload: Self.messageBytes)
        let taken = session.takeDelivery(handle: handle)
        #expect(taken?.0.deliveryID == 1)
    }
}
