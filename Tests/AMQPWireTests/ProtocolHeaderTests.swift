import AMQPWire
import TestSupport
import Testing

/// The protocol header that opens a connection (spec 4.2.2).
@Suite("Protocol header")
struct ProtocolHeaderTests {
    @Test("the client opens with 'AMQP' 0 0 9 1")
    func header() {
        expectBytes(ProtocolHeader.bytes, hex("'AMQP' 00 00 09 01"))
    }

    @Test("a server refusing our version answers with its own, which we can name")
    func refusal() {
        #expect(ProtocolHeader.version(in: hex("'AMQP' 00 00 09 01")[...]) == "0-9-1")
        // It is found also in the middle of a buffer.
        #expect(ProtocolHeader.version(in: hex("ff 'AMQP' 00 00 09 01")[1...]) == "0-9-1")
    }

    @Test("anything else is not a protocol header")
    func notAHeader() {
        #expect(ProtocolHeader.version(in: hex("'AMQP' 00 00 09")[...]) == nil)
        #expect(ProtocolHeader.version(in: hex("'HTTP' 2f 31 2e 31")[...]) == nil)
        #expect(ProtocolHeader.version(in: hex("01 0000 00000005 0014 000a 00 ce")[...]) == nil)
        #expect(ProtocolHeader.version(in: [][...]) == nil)
    }
}
