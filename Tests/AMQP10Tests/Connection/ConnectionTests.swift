import AMQP10Wire
import Testing
import Transport

@testable import AMQP10

/// The connection over a socket, against a scripted peer.
@Suite("AMQP10Connection against a scripted peer")
struct ConnectionTests {
    private static let settings = AMQP10ConnectionSettings(
        host: "peer", user: "guest", password: "secret", virtualHost: "/", connectionTimeout: 5, idleTimeout: 0)

    private func connect(_ client: SocketStream, settings: AMQP10ConnectionSettings = settings) throws
        -> AMQP10Connection
    {
        try AMQP10Connection.open(over: client, settings: settings, deadline: .after(seconds: 5))
    }

    @Test("logs in with PLAIN, opens with the vhost as hostname and keeps the peer's properties")
    func handshake() throws {
        let (client, peer) = try ScriptedPeer.start { end in
            try end.handshake(properties: [.symbol("product"): "RabbitMQ", .symbol("version"): "4.0.5"])
        }
        let connection = try connect(client)
        let (initial, open) = try peer.finish()
        #expect(initial.mechanism == "PLAIN")
        #expect(initial.initialResponse == [0] + Array("guest".utf8) + [0] + Array("secret".utf8))
        #expect(open.hostname == "vhost:/")
        #expect(open.containerID.hasPrefix("mq-"))
        #expect(open.containerID != AMQP10ConnectionSettings().containerID)
        #expect(connection.peerProperties?[symbol: "version"] == "4.0.5")
    }

    @Test("a refused login is an authentication failure that counts as access refused")
    func refusedLogin() throws {
        let (client, peer) = try ScriptedPeer.start { end in
            _ = try end.readHeader()
            try end.send(.sasl)
            try end.send(.sasl(.saslMechanisms(SASLMechanisms(saslServerMechanisms: ["PLAIN"]))))
            _ = try end.receiveFrame()
            try end.send(.sasl(.saslOutcome(SASLOutcome(code: .auth))))
            return try end.readsEndOfStream(within: 5)
        }
        let error = #expect(throws: AMQP10Error.self) { try connect(client) }
        #expect(error == .authenticationFailed(mechanism: "PLAIN", code: .auth))
        #expect(error?.isAccessRefused == true)
        #expect(try peer.finish())
    }

    @Test("sends a message split over frames of the peer's max-frame-size and reports its outcome")
    func multiFrameSend() throws {
        let body = (0..<2000).map { UInt8($0 % 251) }
        let (client, peer) = try ScriptedPeer.start { end in
            try end.handshake()
            guard case (.attach(let attach), _) = try end.receive() else { throw PeerEnd.Failure.unexpected("attach") }
            var reply = attach
            reply.role = .receiver
            reply.handle = 7
            try end.send(.attach(reply), channel: 3)
            try end.send(
                .flow(
                    Flow(
                        nextIncomingID: 0, incomingWindow: 100, nextOutgoingID: 0, outgoingWindow: 100, handle: 7,
                        deliveryCount: 0, linkCredit: 5)), channel: 3)
            var payload: [UInt8] = []
            var frames = 0
            while true {
                guard case (.transfer(let transfer), let part) = try end.receive() else {
                    throw PeerEnd.Failure.unexpected("transfer")
                }
                frames += 1
                payload += part
                if !transfer.more { break }
            }
            try end.send(
                .disposition(Disposition(role: .receiver, first: 0, settled: true, state: .accepted)), channel: 3)
            return (attach, frames, try Message(payload: payload))
        }
        let connection = try connect(client)
        let sender = try connection.openSender(address: "/queues/q", deadline: .after(seconds: 5))
        let id = try sender.send(Message(body: .data([body])), deadline: .after(seconds: 5))
        #expect(try sender.waitForOutcomes(deadline: .after(seconds: 5)))
        #expect(sender.takeOutcomes() == [DeliveryOutcome(deliveryID: id, outcome: .accepted)])
        let (attach, frames, message) = try peer.finish()
        #expect(attach.target?.address == "/queues/q")
        #expect(attach.sndSettleMode == .unsettled)
        #expect(frames == 5)
        #expect(message.body == .data([body]))
    }

    @Test("a link the peer refuses fails with the peer's condition and description")
    func refusedLink() throws {
        let (client, peer) = try ScriptedPeer.start { end in
            try end.handshake()
            guard case (.attach(var attach), _) = try end.receive() else { throw PeerEnd.Failure.unexpected("attach") }
            attach.role = .receiver
            attach.target = nil
            try end.send(.attach(attach), channel: 3)
            let error = AMQPError(condition: "amqp:not-found", description: "no queue 'x' in vhost '/'")
            try end.send(.detach(Detach(handle: attach.handle, closed: true, error: error)), channel: 3)
            guard case (.detach, _) = try end.receive() else { throw PeerEnd.Failure.unexpected("detach") }
        }
        let connection = try connect(client)
        let error = #expect(throws: AMQP10Error.self) {
            try connection.openSender(address: "/queues/x", deadline: .after(seconds: 5))
        }
        #expect(error?.description == "amqp:not-found: no queue 'x' in vhost '/'")
        #expect(error?.condition == "amqp:not-found")
        try peer.finish()
    }

    @Test("a malformed frame from the peer closes with amqp:decode-error and is a protocol error")
    func malformedFrame() throws {
        let (client, peer) = try ScriptedPeer.start { end in
            try end.handshake()
            // A frame whose body starts with 0xFF, which is no constructor.
            try end.send(raw: [0, 0, 0, 9, 2, 0, 0, 3, 0xFF])
            while true {
                if case (.close(let close), _) = try end.receive() { return close.error?.condition }
            }
        }
        let connection = try connect(client)
        let receiver = try? connection.openReceiver(address: "q", credit: 1, deadline: .after(seconds: 5))
        let error = #expect(throws: AMQP10Error.self) {
            if let receiver { _ = try receiver.nextDelivery(deadline: .after(seconds: 5)) }
            _ = try connection.openSender(address: "q", deadline: .after(seconds: 5))
        }
        guard case .protocolViolation(.malformed) = error else {
            Issue.record("not a protocol violation: \(String(describing: error))")
            return
        }
        #expect(try peer.finish() == "amqp:decode-error")
    }

    @Test("receives a delivery split over frames, settles it, and a drain on an empty source gives nil")
    func receiveAndDrain() throws {
        let message = Message(body: .data([Array(repeating: 7, count: 1500)]))
        var writer = ByteWriter()
        try message.encode(to: &writer)
        let payload = writer.bytes
        let (client, peer) = try ScriptedPeer.start { end in
            try end.handshake()
            guard case (.attach(var attach), _) = try end.receive() else { throw PeerEnd.Failure.unexpected("attach") }
            attach.role = .sender
            attach.initialDeliveryCount = 0
            try end.send(.attach(attach), channel: 3)
            guard case (.flow(let grant), _) = try end.receive() else { throw PeerEnd.Failure.unexpected("flow") }
            try end.send(
                .transfer(Transfer(handle: 0, deliveryID: 0, deliveryTag: [1], messageFormat: 0, more: true)),
                channel: 3, payload: Array(payload[..<400]))
            try end.send(.transfer(Transfer(handle: 0, more: false)), channel: 3, payload: Array(payload[400...]))
            // The credit topped up, the settlement, then the drain.
            var settle: Disposition?
            var drain: Flow?
            while drain == nil {
                switch try end.receive() {
                case (.disposition(let disposition), _): settle = disposition
                case (.flow(let flow), _) where flow.drain: drain = flow
                case (.flow, _): continue
                case (let other, _): throw PeerEnd.Failure.unexpected("\(other)")
                }
            }
            guard let settle, let drain else { throw PeerEnd.Failure.unexpected("no settlement") }
            try end.send(
                .flow(
                    Flow(
                        nextIncomingID: 0, incomingWindow: 100, nextOutgoingID: 2, outgoingWindow: 100, handle: 0,
                        deliveryCount: (drain.deliveryCount ?? 0) + (drain.linkCredit ?? 0), linkCredit: 0,
                        drain: true)), channel: 3)
            return (grant, settle, drain)
        }
        let connection = try connect(client)
        let receiver = try connection.openReceiver(address: "q", credit: 1, deadline: .after(seconds: 5))
        let delivery = try #require(try receiver.nextDelivery(deadline: .after(seconds: 5)))
        #expect(delivery.message == message)
        #expect(delivery.payload == payload)
        try receiver.settle(delivery.deliveryID, outcome: .accepted)
        #expect(try receiver.fetchOne(deadline: .after(seconds: 5)) == nil)
        let (grant, settle, drain) = try peer.finish()
        #expect(grant.linkCredit == 1)
        #expect(settle.first == 0 && settle.settled && settle.state == .accepted)
        #expect(drain.drain && drain.linkCredit == 1 && drain.deliveryCount == 1)
    }

    @Test("a peer silent past our idle-time-out is an idle timeout, closed with resource-limit-exceeded")
    func idleTimeout() throws {
        var settings = Self.settings
        settings.idleTimeout = 0.5
        let (client, peer) = try ScriptedPeer.start { end in
            try end.handshake()
            // The attach the client waits on goes unanswered.
            var closing: Close?
            while closing == nil {
                if case (.close(let close), _) = try end.receive() { closing = close }
            }
            let closedTCP = try end.readsEndOfStream(within: 5)
            return closing?.error?.condition == "amqp:resource-limit-exceeded" && closedTCP
        }
        let connection = try connect(client, settings: settings)
        let error = #expect(throws: AMQP10Error.self) {
            try connection.openSender(address: "q", deadline: .after(seconds: 5))
        }
        #expect(error == .idleTimeout(seconds: 0.5))
        #expect(try peer.finish())
    }

    @Test("sends empty frames at half the peer's idle-time-out while it waits")
    func emptyFrames() throws {
        let (client, peer) = try ScriptedPeer.start { end in
            try end.handshake(idleTimeOut: 200)
            while true {
                if case (.close, _) = try end.receive() { break }
            }
            try end.send(.close(Close()))
            return end.emptyFrames
        }
        let connection = try connect(client)
        #expect(throws: AMQP10Error.timedOut(.attach(address: "q"))) {
            try connection.openReceiver(address: "q", credit: 0, deadline: .after(seconds: 1))
        }
        connection.close()
        // One second at one frame per 100 ms; at least half of them, on a busy machine.
        #expect(try peer.finish() >= 5)
    }

    @Test("close ends the session, then closes the connection, and the connection is unusable after")
    func close() throws {
        let (client, peer) = try ScriptedPeer.start { end in
            try end.handshake()
            guard case (.end, _) = try end.receive() else { throw PeerEnd.Failure.unexpected("end") }
            try end.send(.end(End()), channel: 3)
            guard case (.close, _) = try end.receive() else { throw PeerEnd.Failure.unexpected("close") }
            try end.send(.close(Close()))
            return try end.readsEndOfStream(within: 5)
        }
        let connection = try connect(client)
        connection.close()
        #expect(try peer.finish())
        #expect(throws: AMQP10Error.closedByClient) {
            try connection.openSender(address: "q", deadline: .after(seconds: 1))
        }
    }

    /// A peer that attaches the client's sender as handle 0 and grants `credit`.
    private static func attachSender(_ end: PeerEnd, credit: UInt32) throws {
        guard case (.attach(var attach), _) = try end.receive() else { throw PeerEnd.Failure.unexpected("attach") }
        attach.role = .receiver
        attach.handle = 0
        try end.send(.attach(attach), channel: 3)
        let flow = Flow(
            nextIncomingID: 0, incomingWindow: 100, nextOutgoingID: 0, outgoingWindow: 100, handle: 0, deliveryCount: 0,
            linkCredit: credit)
        try end.send(.flow(flow), channel: 3)
    }

    @Test("a sender without credit waits for it until its deadline")
    func noCredit() throws {
        let (client, peer) = try ScriptedPeer.start { end in
            try end.handshake()
            try Self.attachSender(end, credit: 0)
            return try end.readsEndOfStream(within: 5)
        }
        let connection = try connect(client)
        let sender = try connection.openSender(address: "q", deadline: .after(seconds: 5))
        #expect(throws: AMQP10Error.timedOut(.credit(address: "q"))) {
            try sender.send(.text("x"), deadline: .after(seconds: 0.2))
        }
        connection.close(deadline: .after(seconds: 0.2))
        #expect(try peer.finish())
    }

    @Test("send goes out within the confirm window, and beyond it waits for an outcome")
    func confirmWindow() throws {
        let (client, peer) = try ScriptedPeer.start { end in
            try end.handshake()
            try Self.attachSender(end, credit: 10)
            var order: [String] = []
            for _ in 0..<2 {
                guard case (.transfer(let transfer), _) = try end.receive() else {
                    throw PeerEnd.Failure.unexpected("")
                }
                order.append("transfer \(transfer.deliveryID ?? 99)")
            }
            // The third message waits for this outcome.
            try end.send(
                .disposition(Disposition(role: .receiver, first: 0, settled: true, state: .released)), channel: 3)
            order.append("released 0")
            guard case (.transfer(let third), _) = try end.receive() else { throw PeerEnd.Failure.unexpected("") }
            order.append("transfer \(third.deliveryID ?? 99)")
            return order
        }
        let connection = try connect(client)
        let sender = try connection.openSender(address: "q", confirmWindow: 2, deadline: .after(seconds: 5))
        // The credit may arrive just after the attach, so even the first sends get a deadline; the
        // order the peer sees shows which send waited.
        #expect(try sender.send(.text("0"), deadline: .after(seconds: 5)) == 0)
        #expect(try sender.send(.text("1"), deadline: .after(seconds: 5)) == 1)
        #expect(sender.unsettledCount == 2)
        #expect(try sender.send(.text("2"), deadline: .after(seconds: 5)) == 2)
        #expect(sender.takeOutcomes() == [DeliveryOutcome(deliveryID: 0, outcome: .released)])
        try connection.flush()
        #expect(try peer.finish() == ["transfer 0", "transfer 1", "released 0", "transfer 2"])
    }

    @Test("a session the peer ends with an error fails its links with that error")
    func sessionEnded() throws {
        let (client, peer) = try ScriptedPeer.start { end in
            try end.handshake()
            _ = try end.receive()
            let error = AMQPError(condition: "amqp:not-found", description: "no queue 'x' in vhost '/'")
            try end.send(.end(End(error: error)), channel: 3)
            guard case (.end, _) = try end.receive() else { throw PeerEnd.Failure.unexpected("end") }
        }
        let connection = try connect(client)
        let error = #expect(throws: AMQP10Error.self) {
            try connection.openReceiver(address: "/queues/x", credit: 1, deadline: .after(seconds: 5))
        }
        #expect(
            error == .sessionEnded(AMQPError(condition: "amqp:not-found", description: "no queue 'x' in vhost '/'")))
        try peer.finish()
    }
}
