import AMQP10Wire
import Testing

@testable import AMQP10

@Suite("AMQP10Error")
struct AMQP10ErrorTests {
    @Test("a peer's error reads as condition and description")
    func line() {
        let error = AMQPError(condition: "amqp:not-found", description: "no queue 'x' in vhost '/'")
        #expect(AMQP10Error.sessionEnded(error).description == "amqp:not-found: no queue 'x' in vhost '/'")
        #expect(
            AMQP10Error.linkDetached(address: "q", AMQPError(condition: "amqp:internal-error")).description
                == "amqp:internal-error")
        #expect(AMQP10Error.connectionClosed(nil).description == "the peer closed the connection")
    }

    @Test("unauthorized-access and a refused login are access refused; not-found is not")
    func accessRefused() {
        #expect(AMQP10Error.authenticationFailed(mechanism: "PLAIN", code: .auth).isAccessRefused)
        #expect(AMQP10Error.connectionClosed(AMQPError(condition: "amqp:unauthorized-access")).isAccessRefused)
        #expect(!AMQP10Error.sessionEnded(AMQPError(condition: "amqp:not-found")).isAccessRefused)
        #expect(!AMQP10Error.idleTimeout(seconds: 1).isAccessRefused)
    }

    @Test("a protocol violation carries the condition the client closed with")
    func violation() {
        let malformed = AMQP10Error.protocolViolation(.malformed(.malformed(.value, .unknownConstructor(0xFF))))
        #expect(malformed.condition == "amqp:decode-error")
        #expect(AMQP10Error.protocolViolation(.windowViolation).condition == "amqp:session:window-violation")
    }
}
