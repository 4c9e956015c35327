import HTTP
import TestSupport
import Testing

@testable import ManagementAPI

@Suite("The management API client over a scripted connection")
struct ManagementClientTests {
    static func response(_ status: String, _ body: String) -> ScriptedStream.Reply {
        .bytes(
            "HTTP/1.1 \(status)\r\ncontent-type: application/json\r\ncontent-length: \(body.utf8.count)\r\n\r\n\(body)")
    }

    static func client(_ stream: ScriptedStream, prefix: String = "") throws -> ManagementClient {
        var endpoint = APIEndpoint(settings: .init(user: "app", password: "pw"))
        endpoint.pathPrefix = prefix
        let http = HTTP.Client(authority: "localhost:15672") { _ throws(HTTPError) in stream }
        return ManagementClient(endpoint: endpoint, http: http, timeout: 5, userAgent: "mq/test")
    }

    @Test("a paginated list is read page by page until page_count, on one connection")
    func pages() throws {
        let stream = ScriptedStream([
            Self.response(
                "200 OK",
                #"{"items":[{"name":"a"},{"name":"b"}],"page":1,"page_count":2,"page_size":2,"total_count":3}"#),
            Self.response("200 OK", #"{"items":[{"name":"c"}],"page":2,"page_count":2,"page_size":2,"total_count":3}"#),
        ])
        let objects = try Self.client(stream).list(
            APIPath(["queues", "/"], resource: "vhost '/'"), paginated: true, pageSize: 2)
        #expect(objects.map { $0["name"] } == [.string("a"), .string("b"), .string("c")])
        let requests = stream.writtenText.split(separator: "\r\n").filter { $0.hasPrefix("GET ") }
        #expect(
            requests == [
                "GET /api/queues/%2F?page=1&page_size=2 HTTP/1.1", "GET /api/queues/%2F?page=2&page_size=2 HTTP/1.1",
            ])
    }

    @Test("a first page the API refuses (RabbitMQ 4.0 answers 500 to a paged /api/vhosts) is asked for again unpaged")
    func refusedPageFallsBack() throws {
        let stream = ScriptedStream([
            Self.response("500 Internal Server Error", #"{"error":"Internal Server Error","reason":"..."}"#),
            Self.response("200 OK", #"[{"name":"/"},{"name":"other"}]"#),
        ])
        let objects = try Self.client(stream).list(
            APIPath(["vhosts"], resource: "vhosts"), paginated: true, pageSize: 500)
        #expect(objects.map { $0["name"] } == [.string("/"), .string("other")])
        let requests = stream.writtenText.split(separator: "\r\n").filter { $0.hasPrefix("GET ") }
        #expect(requests == ["GET /api/vhosts?page=1&page_size=500 HTTP/1.1", "GET /api/vhosts HTTP/1.1"])
    }

    @Test("an empty paginated list takes one request")
    func emptyPages() throws {
        let stream = ScriptedStream([
            Self.response("200 OK", #"{"items":[],"page":1,"page_count":0,"page_size":500,"total_count":0}"#)
        ])
        #expect(try Self.client(stream).list(APIPath(["queues"], resource: "queues"), paginated: true).isEmpty)
    }

    @Test("a plain array is the whole list; a single object is a list of one")
    func shapes() throws {
        let array = ScriptedStream([Self.response("200 OK", #"[{"name":"x"},{"name":"y"}]"#)])
        #expect(try Self.client(array).list(APIPath(["bindings"], resource: "bindings"), paginated: false).count == 2)
        let single = ScriptedStream([Self.response("200 OK", #"{"name":"v"}"#)])
        #expect(
            try Self.client(single).list(APIPath(["vhosts", "v"], resource: "vhost 'v'"), paginated: false) == [
                .object([("name", .string("v"))])
            ])
    }

    @Test("requests carry basic authentication, JSON headers, the prefix and the body")
    func requestShape() throws {
        let stream = ScriptedStream([Self.response("201 Created", "")])
        try Self.client(stream, prefix: "/rabbitmq").put(
            APIPath(["vhosts", "a/b"], resource: "vhost"), .object([("description", .string("d"))]))
        let text = stream.writtenText
        #expect(text.hasPrefix("PUT /rabbitmq/api/vhosts/a%2Fb HTTP/1.1\r\nHost: localhost:15672\r\n"))
        #expect(text.contains("\r\nAuthorization: Basic YXBwOnB3\r\n"))
        #expect(text.contains("\r\nAccept: application/json\r\n"))
        #expect(text.contains("\r\nContent-Type: application/json\r\n"))
        #expect(text.hasSuffix("Content-Length: 19\r\n\r\n{\"description\":\"d\"}"))
    }

    @Test("an error status becomes the APIError for it")
    func errorStatus() throws {
        let stream = ScriptedStream([
            Self.response("404 Not Found", #"{"error":"Object Not Found","reason":"Not Found"}"#)
        ])
        #expect(throws: APIError.notFound(resource: "user 'u'")) {
            try Self.client(stream).delete(APIPath(["users", "u"], resource: "user 'u'"))
        }
    }

    @Test("a body that is not JSON is a protocol error")
    func badJSON() throws {
        let stream = ScriptedStream([Self.response("200 OK", "<html>proxy error</html>")])
        #expect {
            _ = try Self.client(stream).get(APIPath(["overview"], resource: "overview"))
        } throws: { error in
            if case .badResponse = error as? APIError { true } else { false }
        }
    }

    @Test("no answer in time is the API being unreachable")
    func timeout() throws {
        let stream = ScriptedStream([.silence])
        #expect {
            _ = try Self.client(stream).get(APIPath(["overview"], resource: "overview"))
        } throws: { error in
            (error as? APIError)?.isUnreachable == true
        }
    }
}
