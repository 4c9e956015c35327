import Testing

@testable import HTTP

@Suite("Parsing HTTP responses")
struct ResponseParserTests {
    /// Every response in `text`, fed whole, one byte at a time, and split at every offset; the
    /// three must agree.
    static func responses(_ text: String, closing: Bool = false) throws -> [Response] {
        let bytes = Array(text.utf8)
        let whole = try feed([bytes[...]], closing: closing)
        #expect(try feed(bytes.map { [$0][...] }, closing: closing) == whole, "one byte at a time")
        for offset in 1..<bytes.count {
            #expect(try feed([bytes[..<offset], bytes[offset...]], closing: closing) == whole, "split at \(offset)")
        }
        return whole
    }

    static func feed(_ pieces: [ArraySlice<UInt8>], closing: Bool) throws -> [Response] {
        var parser = ResponseParser()
        var result: [Response] = []
        for piece in pieces {
            parser.append(piece)
            while let response = try parser.next() { result.append(response) }
        }
        if closing, let last = try parser.finish() { result.append(last) }
        return result
    }

    static func parse(_ text: String) throws(HTTPError) -> Response? {
        var parser = ResponseParser()
        parser.append(Array(text.utf8))
        return try parser.next()
    }

    @Test("a body framed by Content-Length, with the headers in order and looked up without regard to case")
    func contentLength() throws {
        let responses = try Self.responses(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nContent-Length: 2\r\n\r\n[]")
        let response = try #require(responses.first)
        #expect(responses.count == 1)
        #expect(response.status == 200)
        #expect(response.reason == "OK")
        #expect(response.headers == [Header("content-type", "application/json"), Header("Content-Length", "2")])
        #expect(response.header("Content-Type") == "application/json")
        #expect(response.body == Array("[]".utf8))
        #expect(!response.closesConnection)
    }

    @Test("a chunked body with a chunk extension and a trailer field")
    func chunked() throws {
        let text =
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: "
            + "chunked\r\n\r\n4;name=x\r\n{\"a\"\r\n9\r\n:[1,2,3]}\r\n0\r\nExpires: never\r\n\r\n"
        let response = try #require(try Self.responses(text).first)
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"a":[1,2,3]}"#)
    }

    @Test("two responses in one read, as a kept-alive connection may deliver them")
    func backToBack() throws {
        let text =
            "HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 404 Not Found\r\ncontent-length: 4\r\n\r\nnopeHTTP/1.1 201 "
            + "Created\r\ncontent-length: 0\r\n\r\n"
        let responses = try Self.responses(text)
        #expect(responses.map(\.status) == [204, 404, 201])
        #expect(responses[1].body == Array("nope".utf8))
        #expect(responses[1].reason == "Not Found")
    }

    @Test("a body without length runs to the close of the connection")
    func untilClose() throws {
        let responses = try Self.responses("HTTP/1.0 200 OK\r\n\r\nall of it", closing: true)
        #expect(responses.count == 1)
        #expect(responses.first?.body == Array("all of it".utf8))
        #expect(responses.first?.closesConnection == true)
    }

    @Test("interim 1xx responses are skipped")
    func interim() throws {
        let response = try #require(
            try Self.responses("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx").first)
        #expect(response.status == 200)
    }

    @Test("the reason phrase may be missing")
    func noReason() throws {
        #expect(try Self.parse("HTTP/1.1 503\r\ncontent-length: 0\r\n\r\n")?.status == 503)
        #expect(try Self.parse("HTTP/1.1 503 \r\ncontent-length: 0\r\n\r\n")?.reason == "")
    }

    @Test("Connection: close, or HTTP/1.0 without keep-alive, ends the connection")
    func closing() throws {
        #expect(
            try Self.parse("HTTP/1.1 200 OK\r\nConnection: Close\r\ncontent-length: 0\r\n\r\n")?.closesConnection
                == true)
        #expect(
            try Self.parse("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\ncontent-length: 0\r\n\r\n")?.closesConnection
                == false)
    }

    @Test("nothing comes back until the response is complete")
    func incomplete() throws {
        #expect(try Self.parse("HTTP/1.1 200 OK\r\ncontent-length: 3\r\n\r\nab") == nil)
        #expect(try Self.parse("HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n3\r\nabc\r\n") == nil)
        #expect(try Self.parse("HTTP/1.1 200 OK\r\n") == nil)
    }

    @Test(
        "malformed responses throw, naming the problem",
        arguments: [
            ("SSH-2.0-OpenSSH_9.2\r\n\r\n", "not an HTTP/1.x status line"),
            ("HTTP/2 200 OK\r\n\r\n", "not an HTTP/1.x status line"),
            ("HTTP/1.1 20 OK\r\n\r\n", "not an HTTP/1.x status line"),
            ("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", "header line without a name"),
            ("HTTP/1.1 200 OK\r\nbad name: x\r\n\r\n", "space in header name"),
            ("HTTP/1.1 200 OK\r\ncontent-length: -1\r\n\r\n", "bad Content-Length"),
            ("HTTP/1.1 200 OK\r\ncontent-length: 1\r\ncontent-length: 2\r\n\r\n", "bad Content-Length"),
            ("HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n", "bad chunk size"),
            ("HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n1\r\nabc\r\n", "chunk data longer than its size"),
            ("HTTP/1.1 101 Switching Protocols\r\n\r\n", "unexpected 101"),
        ])
    func malformed(text: String, problem: String) {
        #expect {
            _ = try Self.parse(text)
        } throws: { error in
            guard case .malformed(let what) = error as? HTTPError else { return false }
            return what.contains(problem)
        }
    }

    @Test("headers that never end are refused once they pass the limit")
    func endlessHeaders() {
        var parser = ResponseParser()
        parser.append(Array("HTTP/1.1 200 OK\r\n".utf8))
        #expect(throws: HTTPError.self) {
            for _ in 0...ResponseParser.maximumHeadSize / 16 {
                parser.append(Array("x-filler: 12345\r\n".utf8))
                _ = try parser.next()
            }
        }
    }

    @Test("a close in the middle of a response is an error; between responses it is not")
    func truncated() throws {
        var parser = ResponseParser()
        #expect(parser.isIdle)
        #expect(try parser.finish() == nil)
        parser.append(Array("HTTP/1.1 200 OK\r\ncontent-length: 9\r\n\r\nabc".utf8))
        #expect(try parser.next() == nil)
        #expect(!parser.isIdle)
        #expect(throws: HTTPError.connectionLost("the server closed the connection in the middle of a response")) {
            _ = try parser.finish()
        }
    }
}
