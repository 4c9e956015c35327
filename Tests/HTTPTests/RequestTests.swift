import Testing

@testable import HTTP

@Suite("Writing HTTP requests")
struct RequestTests {
    @Test("a GET has the request line, Host first, our headers in order, and no body length")
    func get() {
        let request = Request(
            method: "GET", target: "/api/queues/%2F?page=1", headers: [Header("Accept", "application/json")])
        let text = String(decoding: request.serialized(authority: "localhost:15672"), as: UTF8.self)
        #expect(
            text == "GET /api/queues/%2F?page=1 HTTP/1.1\r\nHost: localhost:15672\r\nAccept: application/json\r\n\r\n")
    }

    @Test("a PUT carries its length, even when the body is empty")
    func put() {
        let empty = Request(method: "PUT", target: "/api/vhosts/v")
        #expect(
            String(decoding: empty.serialized(authority: "h:1"), as: UTF8.self)
                == "PUT /api/vhosts/v HTTP/1.1\r\nHost: h:1\r\nContent-Length: 0\r\n\r\n")
        let full = Request(method: "PUT", target: "/x", body: Array("{}".utf8))
        #expect(
            String(decoding: full.serialized(authority: "h:1"), as: UTF8.self)
                == "PUT /x HTTP/1.1\r\nHost: h:1\r\nContent-Length: 2\r\n\r\n{}")
    }

    @Test("basic authorization as RFC 7617 section 2 shows it")
    func basic() {
        #expect(
            Request.basicAuthorization(user: "Aladdin", password: "open sesame") == "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
        )
    }

    @Test(
        "base64 test vectors from RFC 4648 section 10",
        arguments: [
            ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ])
    func base64(input: String, expected: String) {
        #expect(Base64.encode(Array(input.utf8)) == expected)
    }

    @Test("base64 of bytes above 0x7f")
    func base64HighBytes() {
        #expect(Base64.encode([0xFF, 0xFE, 0xFD]) == "//79")
    }
}
