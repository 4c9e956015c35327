import AMQPWire
import Testing

@testable import AMQP

@Suite("The connection state machine")
struct ConnectionMachineTests {
    /// A machine with channel 1 open.
    func withChannel() throws -> ConnectionMachine {
        var machine = ConnectionMachine()
        machine.channels.add(ChannelCell(ChannelMachine(number: 1)))
        return machine
    }

    func ending(_ action: ConnectionAction) -> ConnectionEnding? {
        if case .end(let ending) = action { ending } else { nil }
    }

    func reply(_ action: ConnectionAction) -> (ChannelReply, UInt16)? {
        if case .reply(let reply, let channel) = action { (reply, channel) } else { nil }
    }

    @Test("connection.blocked and unblocked change the state and tell the owner")
    func blocked() {
        var machine = ConnectionMachine()
        guard
            case .blockedChanged("low on memory") = machine.receive(
                .method(channel: 0, .connectionBlocked(ConnectionBlocked(reason: "low on memory"))))
        else {
            Issue.record("expected blockedChanged")
            return
        }
        #expect(machine.blockedReason == "low on memory")
        #expect(machine.unusable == nil)
        guard
            case .blockedChanged(nil) = machine.receive(
                .method(channel: 0, .connectionUnblocked(ConnectionUnblocked())))
        else {
            Issue.record("expected blockedChanged(nil)")
            return
        }
        #expect(machine.blockedReason == nil)
    }

    @Test("the broker's connection.close ends it, acknowledged, and every later call gets its reason")
    func closedByBroker() {
        var machine = ConnectionMachine()
        let close = ConnectionClose(replyCode: 320, replyText: "CONNECTION_FORCED - shutdown")
        let error = AMQPError.connectionClosed(CloseReason(replyCode: .connectionForced, replyText: close.replyText))
        #expect(ending(machine.receive(.method(channel: 0, .connectionClose(close)))) == .acknowledging(error))
        #expect(machine.unusable == error)
        guard case .none = machine.receive(.heartbeat) else {
            Issue.record("a closed connection acts on nothing")
            return
        }
    }

    @Test("a frame on a channel not open, or an unexpected method on channel 0, is reported with its reply code")
    func violations() {
        var machine = ConnectionMachine()
        #expect(
            ending(machine.receive(.method(channel: 3, .channelOpenOk(ChannelOpenOk()))))
                == .reporting(.frameOnClosedChannel(3)))
        #expect(machine.unusable == .protocolViolation(.frameOnClosedChannel(3)))
        var other = ConnectionMachine()
        #expect(
            ending(other.receive(.method(channel: 0, .connectionTune(ConnectionTune()))))
                == .reporting(.unexpectedOnConnection(ConnectionTune.id)))
    }

    @Test("a channel's frame goes to its machine, and its reply goes out on its number")
    func channelReply() throws {
        var machine = try withChannel()
        let sent = try #require(reply(machine.receive(.method(channel: 1, .channelFlow(ChannelFlow(active: false))))))
        #expect(sent.0 == .flowOk(active: false))
        #expect(sent.1 == 1)
        #expect(machine.channels[1]?.machine.state == .flowStopped)
    }

    @Test("a channel's violation ends the connection")
    func channelViolation() throws {
        var machine = try withChannel()
        #expect(ending(machine.receive(.body(channel: 1, [1]))) == .reporting(.bodyWithoutHeader(channel: 1)))
    }

    @Test("our close sends connection.close, discards everything until close-ok, then ends")
    func ourClose() throws {
        var machine = try withChannel()
        guard case .sendClose = machine.close() else {
            Issue.record("expected our connection.close")
            return
        }
        #expect(machine.unusable == .closed(.connection))
        guard case .none = machine.close() else {
            Issue.record("a second close sends nothing")
            return
        }
        guard case .none = machine.receive(.method(channel: 1, .channelFlow(ChannelFlow(active: false)))) else {
            Issue.record("frames while closing are discarded")
            return
        }
        #expect(ending(machine.receive(.method(channel: 0, .connectionCloseOk(ConnectionCloseOk())))) == .closed)
    }

    @Test("closes crossing: the broker's close while we close is acknowledged")
    func crossingCloses() {
        var machine = ConnectionMachine()
        _ = machine.close()
        let action = machine.receive(
            .method(channel: 0, .connectionClose(ConnectionClose(replyCode: 320, replyText: "x"))))
        #expect(ending(action) == .acknowledging(.closed(.connection)))
    }

    @Test("a failure about one channel leaves the connection open; others end it once")
    func failures() {
        var machine = ConnectionMachine()
        guard case .none = machine.fail(.channelClosed(CloseReason(replyCode: .notFound, replyText: "x"), context: nil))
        else {
            Issue.record("a channel's error does not end the connection")
            return
        }
        #expect(machine.unusable == nil)
        #expect(ending(machine.fail(.heartbeatTimeout(seconds: 120))) == .dropping(.heartbeatTimeout(seconds: 120)))
        guard case .none = machine.fail(.connectionLost(.closedByBroker)) else {
            Issue.record("an ended connection ends only once")
            return
        }
        #expect(machine.unusable == .heartbeatTimeout(seconds: 120))
        var violated = ConnectionMachine()
        #expect(ending(violated.fail(.protocolViolation(.heartbeatOnChannel(2)))) == .reporting(.heartbeatOnChannel(2)))
    }
}
