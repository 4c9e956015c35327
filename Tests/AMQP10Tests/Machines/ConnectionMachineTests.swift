import AMQP10Wire
import Testing

@testable import AMQP10

@Suite("ConnectionMachine")
struct ConnectionMachineTests {
    private static let open = Open(containerID: "mq", hostname: "vhost:/", maxFrameSize: 131_072)

    private func machine(_ credentials: SASLCredentials) -> ConnectionMachine {
        ConnectionMachine(credentials: credentials, saslHostname: "localhost", open: Self.open)
    }

    /// A machine past the SASL header, offered `mechanisms`.
    private func offered(_ mechanisms: [Symbol], credentials: SASLCredentials) -> (
        ConnectionMachine, ConnectionMachine.Action
    ) {
        var machine = machine(credentials)
        _ = machine.start()
        _ = machine.received(header: .sasl)
        let action = machine.received(frame: .sasl(.saslMechanisms(SASLMechanisms(saslServerMechanisms: mechanisms))))
        return (machine, action)
    }

    @Test("starts with the SASL header")
    func start() {
        var machine = machine(.anonymous)
        #expect(machine.start() == [.header(.sasl)])
        #expect(machine.state == .awaitingSASLHeader)
    }

    @Test("PLAIN's initial response is NUL user NUL password")
    func plain() {
        let (machine, action) = offered(["ANONYMOUS", "PLAIN"], credentials: .plain(user: "u", password: "p"))
        let initial = SASLInit(mechanism: "PLAIN", initialResponse: [0, 0x75, 0, 0x70], hostname: "localhost")
        #expect(action == .send([.frame(.sasl(.saslInit(initial)))]))
        #expect(machine.state == .awaitingOutcome(mechanism: "PLAIN"))
    }

    @Test("EXTERNAL and ANONYMOUS send an empty initial response")
    func externalAndAnonymous() {
        let (_, external) = offered(["EXTERNAL"], credentials: .external)
        #expect(
            external
                == .send([
                    .frame(
                        .sasl(.saslInit(SASLInit(mechanism: "EXTERNAL", initialResponse: [], hostname: "localhost"))))
                ]))
        let (_, anonymous) = offered(["PLAIN", "ANONYMOUS"], credentials: .anonymous)
        #expect(
            anonymous
                == .send([
                    .frame(
                        .sasl(.saslInit(SASLInit(mechanism: "ANONYMOUS", initialResponse: [], hostname: "localhost"))))
                ]))
    }

    @Test("a peer that does not offer the credentials' mechanism fails with what it offers")
    func noMechanism() {
        let (machine, action) = offered(["ANONYMOUS"], credentials: .plain(user: "u", password: "p"))
        #expect(action == .fail(.noSupportedMechanism(offered: ["ANONYMOUS"]), send: []))
        #expect(machine.state == .closed)
    }

    @Test("a refused login fails as an authentication failure")
    func refused() {
        var (machine, _) = offered(["PLAIN"], credentials: .plain(user: "u", password: "p"))
        let action = machine.received(frame: .sasl(.saslOutcome(SASLOutcome(code: .auth))))
        #expect(action == .fail(.authenticationFailed(mechanism: "PLAIN", code: .auth), send: []))
    }

    @Test("a successful login sends the AMQP header and open; the peer's open opens the connection")
    func opens() {
        var (machine, _) = offered(["PLAIN"], credentials: .plain(user: "u", password: "p"))
        let afterLogin = machine.received(frame: .sasl(.saslOutcome(SASLOutcome(code: .ok))))
        #expect(afterLogin == .send([.header(.amqp), .frame(.amqp(channel: 0, .open(Self.open)))]))
        #expect(machine.received(header: .amqp) == .none)
        let peer = Open(containerID: "rabbit", properties: [.symbol("version"): "4.0.5"])
        #expect(machine.received(frame: .amqp(channel: 0, .open(peer))) == .opened(peer))
        #expect(machine.peerOpen == peer)
    }

    /// A machine whose connection is open.
    private func opened() -> ConnectionMachine {
        var (machine, _) = offered(["PLAIN"], credentials: .plain(user: "u", password: "p"))
        _ = machine.received(frame: .sasl(.saslOutcome(SASLOutcome(code: .ok))))
        _ = machine.received(header: .amqp)
        _ = machine.received(frame: .amqp(channel: 0, .open(Open(containerID: "peer"))))
        return machine
    }

    @Test("frames for sessions are handed on once open")
    func handsOn() {
        var machine = opened()
        let end = Performative.end(End())
        #expect(machine.received(frame: .amqp(channel: 2, end)) == .session(channel: 2, end, payload: []))
    }

    @Test("the peer's close with an error fails the connection with it and is answered")
    func peerClose() {
        var machine = opened()
        let error = AMQPError(condition: "amqp:connection:forced", description: "shutdown")
        let action = machine.received(frame: .amqp(channel: 0, .close(Close(error: error))))
        #expect(action == .fail(.connectionClosed(error), send: [.frame(.amqp(channel: 0, .close(Close())))]))
    }

    @Test("our close is answered by the peer's")
    func ourClose() {
        var machine = opened()
        #expect(machine.close() == [.frame(.amqp(channel: 0, .close(Close())))])
        #expect(
            machine.received(
                frame: .amqp(channel: 0, .begin(Begin(nextOutgoingID: 0, incomingWindow: 1, outgoingWindow: 1))))
                == .none)
        #expect(machine.received(frame: .amqp(channel: 0, .close(Close()))) == .closed)
        #expect(machine.state == .closed)
    }

    @Test("a wrong protocol header closes with framing-error")
    func wrongHeader() {
        var machine = machine(.anonymous)
        _ = machine.start()
        let action = machine.received(header: .amqp)
        #expect(action == .fail(.protocolViolation(.unexpectedHeader(.amqp)), send: []))
    }

    @Test("a session frame before open is answered by a close with illegal-state")
    func beforeOpen() {
        var (machine, _) = offered(["PLAIN"], credentials: .plain(user: "u", password: "p"))
        _ = machine.received(frame: .sasl(.saslOutcome(SASLOutcome(code: .ok))))
        _ = machine.received(header: .amqp)
        let action = machine.received(frame: .amqp(channel: 0, .end(End())))
        let violation = ProtocolViolation.unexpectedFrame("end before open")
        let close = Close(error: AMQPError(condition: "amqp:illegal-state", description: violation.description))
        #expect(action == .fail(.protocolViolation(violation), send: [.frame(.amqp(channel: 0, .close(close)))]))
    }
}
