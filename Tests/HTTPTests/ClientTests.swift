import TestSupport
import Testing
import Transport

@testable import HTTP

#if canImport(Glibc)
    import Glibc
#endif

@Suite("The HTTP client over a scripted connection", .timeLimit(.minutes(5)))
struct ClientTests {
    static let ok = "HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}"

    /// A client whose connections are `streams`, in order; counts how many it opened.
    final class Script {
        var streams: [ScriptedStream]
        var opened = 0
        init(_ streams: [ScriptedStream]) { self.streams = streams }

        lazy var client = Client(authority: "rabbit:15672") { _ throws(HTTPError) in
            guard self.opened < self.streams.count else {
                throw .transport(
                    .connectFailed(host: "rabbit", port: 15672, SystemError(call: "connect", code: ECONNREFUSED)))
            }
            self.opened += 1
            return self.streams[self.opened - 1]
        }
    }

    @Test("requests share one kept-alive connection")
    func keepAlive() throws {
        let stream = ScriptedStream([.bytes(Self.ok), .bytes(Self.ok)])
        let script = Script([stream])
        #expect(try script.client.send(Request(method: "GET", target: "/a"), timeout: 5).status == 200)
        #expect(try script.client.send(Request(method: "GET", target: "/b"), timeout: 5).status == 200)
        #expect(script.opened == 1)
        let written = stream.writtenText
        #expect(written == "GET /a HTTP/1.1\r\nHost: rabbit:15672\r\n\r\nGET /b HTTP/1.1\r\nHost: rabbit:15672\r\n\r\n")
    }

    @Test("a kept-alive connection the server closed is replaced, and the request sent again")
    func staleConnection() throws {
        let first = ScriptedStream([.bytes(Self.ok), .end])
        let second = ScriptedStream([.bytes(Self.ok)])
        let script = Script([first, second])
        _ = try script.client.send(Request(method: "GET", target: "/a"), timeout: 5)
        #expect(try script.client.send(Request(method: "DELETE", target: "/b"), timeout: 5).status == 200)
        #expect(script.opened == 2)
        #expect(first.closed)
        #expect(second.writtenText.hasPrefix("DELETE /b "))
    }

    @Test("a new connection that closes without answering is an error, not retried")
    func freshConnectionCloses() {
        let script = Script([ScriptedStream([.end]), ScriptedStream([.bytes(Self.ok)])])
        #expect(throws: HTTPError.connectionLost("the server closed the connection without answering")) {
            try script.client.send(Request(method: "GET", target: "/"), timeout: 5)
        }
        #expect(script.opened == 1)
    }

    @Test("Connection: close makes the next request open a new connection")
    func connectionClose() throws {
        let first = ScriptedStream([.bytes("HTTP/1.1 200 OK\r\nconnection: close\r\ncontent-length: 0\r\n\r\n")])
        let script = Script([first, ScriptedStream([.bytes(Self.ok)])])
        _ = try script.client.send(Request(method: "GET", target: "/a"), timeout: 5)
        #expect(first.closed)
        _ = try script.client.send(Request(method: "GET", target: "/b"), timeout: 5)
        #expect(script.opened == 2)
    }

    @Test("no answer by the deadline is a timeout, and the connection is dropped")
    func timeout() {
        let stream = ScriptedStream([.bytes("HTTP/1.1 200 OK\r\n"), .silence])
        let script = Script([stream])
        #expect(throws: HTTPError.timedOut(seconds: 2)) {
            try script.client.send(Request(method: "GET", target: "/"), timeout: 2)
        }
        #expect(stream.closed)
    }

    @Test("a response cut short is an error, not a retry")
    func cutShort() {
        let script = Script([ScriptedStream([.bytes("HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nabc"), .end])])
        #expect(throws: HTTPError.connectionLost("the server closed the connection in the middle of a response")) {
            try script.client.send(Request(method: "GET", target: "/"), timeout: 5)
        }
    }

    @Test("a port nobody listens on is refused, saying where")
    func refused() {
        let client = Client(host: "127.0.0.1", port: 1, connectTimeout: 5)
        #expect(
            throws: HTTPError.transport(
                .connectFailed(host: "127.0.0.1", port: 1, SystemError(call: "connect", code: ECONNREFUSED)))
        ) {
            try client.send(Request(method: "GET", target: "/"), timeout: 5)
        }
    }
}
