import AMQP10Wire
import Testing
import Transport

@testable import AMQP10

/// A stream that hands over preloaded bytes `step` at a time, and records what is written.
private final class TrickleStream: ByteStream {
    private var bytes: [UInt8]
    private let step: Int
    private(set) var written: [UInt8] = []

    init(_ bytes: [UInt8], step: Int) {
        self.bytes = bytes
        self.step = step
    }

    var descriptor: Int32 { -1 }

    func write(_ buffer: UnsafeRawBufferPointer, deadline: Deadline) throws { written += buffer }

    func read(into buffer: UnsafeMutableRawBufferPointer, deadline: Deadline) throws -> Int? {
        guard !bytes.isEmpty else { return nil }
        let count = min(step, bytes.count, buffer.count)
        buffer.copyBytes(from: bytes[..<count])
        bytes.removeFirst(count)
        return count
    }

    func waitReadable(orDescriptor descriptor: Int32, events: Int16, deadline: Deadline) throws -> Readiness {
        bytes.isEmpty ? .timedOut : .stream
    }

    func close() {}
}

@Suite("FrameIO")
struct FrameIOTests {
    private static let mechanisms = Frame.sasl(.saslMechanisms(SASLMechanisms(saslServerMechanisms: ["PLAIN"])))
    private static let open = Frame.amqp(channel: 0, .open(Open(containerID: "peer")))
    private static let transfer = Frame.amqp(
        channel: 1, .transfer(Transfer(handle: 0, deliveryID: 0, deliveryTag: [0])),
        payload: [0x00, 0x53, 0x75, 0xA0, 1, 9])

    private static var input: [UInt8] {
        var writer = ByteWriter()
        writer.writeBytes(ProtocolHeader.sasl.bytes)
        try? mechanisms.encode(to: &writer)
        try? open.encode(to: &writer)
        try? transfer.encode(to: &writer)
        return writer.bytes
    }

    @Test(
        "decodes the header and frames whether they arrive a byte at a time, in pieces or all at once",
        arguments: [1, 2, 7, 4096])
    func chunks(step: Int) throws {
        let io = FrameIO(stream: TrickleStream(Self.input, step: step), maxFrameSize: 512, writeTimeout: 1)
        var arrivals: [FrameIO.Arrival] = []
        while true {
            let arrival = try io.next(deadline: .after(seconds: 1))
            if arrival == .timedOut { break }
            arrivals.append(arrival)
        }
        #expect(arrivals == [.header(.sasl), .frame(Self.mechanisms), .frame(Self.open), .frame(Self.transfer)])
    }

    @Test("a frame larger than our max-frame-size is a framing error")
    func tooLarge() {
        var writer = ByteWriter()
        try? Frame.amqp(channel: 0, .open(Open(containerID: String(repeating: "x", count: 600)))).encode(to: &writer)
        let io = FrameIO(stream: TrickleStream(writer.bytes, step: 100), maxFrameSize: 512, writeTimeout: 1)
        io.expectsHeader = false
        let error = #expect(throws: AMQP10Error.self) { try io.next(deadline: .after(seconds: 1)) }
        #expect(error?.condition == "amqp:connection:framing-error")
    }

    @Test("queued frames are written on flush, a header making the next arrival a header")
    func writes() throws {
        let stream = TrickleStream([], step: 1)
        let io = FrameIO(stream: stream, maxFrameSize: 512, writeTimeout: 1)
        io.expectsHeader = false
        try io.queue([.header(.amqp), .frame(Self.open)])
        #expect(stream.written.isEmpty)
        #expect(io.expectsHeader)
        try io.flush()
        var writer = ByteWriter()
        writer.writeBytes(ProtocolHeader.amqp.bytes)
        try Self.open.encode(to: &writer)
        #expect(stream.written == writer.bytes)
        #expect(io.bufferedCount == 0)
    }
}
