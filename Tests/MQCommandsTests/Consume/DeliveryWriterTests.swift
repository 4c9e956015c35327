import AMQPWire
import Foundation
import TestSupport
import Testing
import Transport

@testable import AMQP
@testable import MQCommands

#if canImport(Glibc)
    import Glibc
#endif

@Suite("What the reader took: the output's destination, settling and pacing")
struct DeliveryWriterTests {
    /// Runs `body` with a writer into `descriptor` whose connection goes to a scripted broker
    /// that only shakes hands and waits for the close.
    private static func withWriter(
        into descriptor: Int32, format: MessageFormat = .line, largestBatch: Int = 4, paced: Bool = true,
        sync: Bool = false,
        _ body: (DeliveryWriter) throws -> Void
    ) throws {
        let (client, peer) = try FakePeer.start { broker in
            broker.timeout = 30
            try broker.handshake()
            try broker.acceptClose()
        }
        let connection = try Connection(
            stream: client, settings: ConnectionSettings(), name: nil, deadline: .after(seconds: 5))
        let output = OutputStream(descriptor: descriptor)
        try body(
            DeliveryWriter(
                output: output, link: connection, format: format, largestBatch: largestBatch, paced: paced, sync: sync))
        connection.close(deadline: .after(seconds: 5))
        try peer.finish()
    }

    private static func delivery(_ tag: UInt64, _ body: String) -> Delivery {
        Delivery(
            consumerTag: "c", deliveryTag: tag, redelivered: false, exchange: "", routingKey: "q", messageCount: nil,
            properties: BasicProperties(), body: Array(body.utf8))
    }

    /// Reads `count` bytes (or what is there, at most that) from `descriptor`.
    @discardableResult
    private static func take(_ count: Int, from descriptor: Int32) -> Int {
        var buffer = [UInt8](repeating: 0, count: count)
        return read(descriptor, &buffer, count)
    }

    private static func pipeEnds() throws -> (read: Int32, write: Int32) {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw SystemError(call: "pipe", code: errno) }
        return (ends[0], ends[1])
    }

    @Test("the destination is told by the descriptor: pipe (with its capacity), socket, regular file, other")
    func destinations() throws {
        let ends = try Self.pipeEnds()
        defer {
            close(ends.read)
            close(ends.write)
        }
        #expect(OutputStream(descriptor: ends.write).destination == .pipe(capacity: 65536))
        var pair: [Int32] = [-1, -1]
        #expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &pair) == 0)
        defer {
            close(pair[0])
            close(pair[1])
        }
        #expect(OutputStream(descriptor: pair[0]).destination == .socket)
        let file = open("/tmp/mq-destination-\(getpid())", O_CREAT | O_WRONLY | O_TRUNC, 0o600)
        defer {
            close(file)
            unlink("/tmp/mq-destination-\(getpid())")
        }
        #expect(OutputStream(descriptor: file).destination == .regularFile)
        let null = open("/dev/null", O_WRONLY)
        defer { close(null) }
        #expect(OutputStream(descriptor: null).destination == .other)
        #expect(OutputStream(descriptor: 9999).destination == .other)
    }

    @Test("into a pipe, a message settles only once the reader has taken all of its bytes")
    func pipeSettlesWhatWasTaken() throws {
        let ends = try Self.pipeEnds()
        defer {
            close(ends.read)
            close(ends.write)
        }
        try Self.withWriter(into: ends.write, largestBatch: 8, paced: false) { writer in
            let output = writer.output
            writer.write(Self.delivery(1, "hello"))
            writer.write(Self.delivery(2, "world"))
            #expect(writer.takeSettled() == nil)
            try writer.flush()
            #expect(output.bytesWritten == 12)
            #expect(writer.takeSettled() == nil)
            Self.take(3, from: ends.read)
            #expect(output.bytesTaken == 3)
            #expect(writer.takeSettled() == nil)
            Self.take(3, from: ends.read)
            #expect(writer.takeSettled().map { [$0.tag.value, UInt64($0.count)] } == [1, 1])
            Self.take(6, from: ends.read)
            #expect(writer.takeSettled().map { [$0.tag.value, UInt64($0.count)] } == [2, 1])
            #expect(writer.unsettledCount == 0)
        }
    }

    @Test(
        "paced: a batch waits for the reader to empty the pipe, and each batch may hold twice the last, up to the largest"
    )
    func pacingDoubles() throws {
        let ends = try Self.pipeEnds()
        defer {
            close(ends.read)
            close(ends.write)
        }
        try Self.withWriter(into: ends.write, largestBatch: 6) { writer in
            var sizes: [Int] = []
            var tag: UInt64 = 0
            for _ in 0..<5 {
                while !writer.batchFull {
                    tag += 1
                    writer.write(Self.delivery(tag, "m"))
                }
                sizes.append(writer.inBatch)
                try writer.flush()
                #expect(writer.readerIsBehind())
                Self.take(4096, from: ends.read)
                #expect(!writer.readerIsBehind())
                #expect(writer.takeSettled()?.tag.value == tag)
            }
            #expect(sizes == [1, 2, 4, 6, 6])
        }
    }

    @Test(
        "a stream's next offset (--offset-file) follows what the reader took, not what was written; a skipped record settles after those before it"
    )
    func takenStreamOffset() throws {
        let ends = try Self.pipeEnds()
        defer {
            close(ends.read)
            close(ends.write)
        }
        func record(_ offset: Int64, _ body: String) -> Delivery {
            var delivery = Self.delivery(UInt64(offset + 1), body)
            delivery.properties = BasicProperties(headers: ["x-stream-offset": .int64(offset)])
            return delivery
        }
        try Self.withWriter(into: ends.write, largestBatch: 8, paced: false) { writer in
            writer.write(record(0, "a"))
            writer.skip(record(1, "filtered"))
            writer.write(record(2, "c"))
            try writer.flush()
            #expect(writer.resumeStreamOffset == 3, "written out")
            #expect(writer.takeSettled() == nil)
            #expect(writer.takenStreamOffset == nil, "nothing taken yet")
            Self.take(2, from: ends.read)
            #expect(writer.takeSettled().map { [$0.tag.value, UInt64($0.count)] } == [2, 2])
            #expect(writer.takenStreamOffset == 2, "after the skipped record, which followed the one taken")
            Self.take(2, from: ends.read)
            _ = writer.takeSettled()
            #expect(writer.takenStreamOffset == 3)
        }
    }

    @Test("a reader that closes the pipe ends the wait for it at once; what it did not take stays unsettled")
    func readerLeaves() throws {
        let ends = try Self.pipeEnds()
        defer { close(ends.write) }
        try Self.withWriter(into: ends.write) { writer in
            let output = writer.output
            writer.write(Self.delivery(1, "first"))
            try writer.flush()
            Self.take(6, from: ends.read)
            #expect(!writer.readerIsBehind())
            writer.write(Self.delivery(2, "second"))
            writer.write(Self.delivery(3, "third"))
            try writer.flush()
            close(ends.read)
            try writer.waitForReader(until: .after(seconds: 30))
            #expect(output.readerGone)
            #expect(writer.takeSettled()?.tag.value == 1)
            #expect(writer.takeSettled() == nil)
            #expect(writer.unsettledCount == 2)
        }
    }

    @Test(
        "into a socket, what the peer has read settles (SIOCOUTQ), what it left unread when it closed does not; into a file, what was written (and synced)"
    )
    func socketAndFile() throws {
        var pair: [Int32] = [-1, -1]
        #expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &pair) == 0)
        defer {
            close(pair[0])
            close(pair[1])
        }
        try Self.withWriter(into: pair[0], format: .raw) { socketWriter in
            socketWriter.write(Self.delivery(1, "abc"))
            try socketWriter.flush()
            #expect(socketWriter.takeSettled() == nil)
            Self.take(3, from: pair[1])
            #expect(socketWriter.takeSettled()?.tag.value == 1)
            // A peer that closes with bytes unread empties the queue: that is not "taken".
            socketWriter.write(Self.delivery(2, "unread"))
            try socketWriter.flush()
            shutdown(pair[1], Int32(SHUT_RDWR))
            #expect(socketWriter.takeSettled() == nil)
            #expect(socketWriter.output.readerGone)
        }

        let path = "/tmp/mq-settle-\(getpid())"
        let file = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0o600)
        defer {
            close(file)
            unlink(path)
        }
        try Self.withWriter(into: file, sync: true) { fileWriter in
            fileWriter.write(Self.delivery(5, "kept"))
            #expect(fileWriter.batchFull == false)
            #expect(fileWriter.takeSettled() == nil)
            try fileWriter.flush()
            #expect(fileWriter.takeSettled()?.tag.value == 5)
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "kept\n")
        }
    }
}
