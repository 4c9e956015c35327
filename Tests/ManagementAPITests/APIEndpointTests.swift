import AMQP
import Testing

@testable import ManagementAPI

@Suite("Where the management API is")
struct APIEndpointTests {
    let settings = try! ConnectionSettings(uri: "amqp://app:s3cret@rabbit.example:5673/prod")

    @Test("by default: the broker's host, port 15672, http, the AMQP user and password")
    func derived() {
        let endpoint = APIEndpoint(settings: settings)
        #expect(endpoint == APIEndpoint(settings: settings))
        #expect(endpoint.displayURL == "http://rabbit.example:15672")
        #expect(endpoint.user == "app")
        #expect(endpoint.password == "s3cret")
        #expect(!endpoint.useTLS)
    }

    @Test("an amqps broker implies https on 15671")
    func tls() throws {
        let endpoint = APIEndpoint(settings: try ConnectionSettings(uri: "amqps://rabbit"))
        #expect(endpoint.useTLS)
        #expect(endpoint.displayURL == "https://rabbit:15671")
    }

    @Test(
        "--api-url gives scheme, host, port and a path prefix; a trailing /api or / is dropped",
        arguments: [
            ("http://localhost:8080", "http://localhost:8080", ""),
            ("http://proxy/rabbitmq/", "http://proxy:15672/rabbitmq", "/rabbitmq"),
            ("http://proxy/rabbitmq/api", "http://proxy:15672/rabbitmq", "/rabbitmq"),
            ("http://proxy/api/", "http://proxy:15672", ""),
            ("HTTPS://secure.example", "https://secure.example:15671", ""),
            ("http://[::1]:9000/x?ignored=1", "http://[::1]:9000/x", "/x"),
        ])
    func url(url: String, display: String, prefix: String) throws {
        let endpoint = try APIEndpoint(url: url, settings: settings)
        #expect(endpoint.displayURL == display)
        #expect(endpoint.pathPrefix == prefix)
    }

    @Test("credentials in --api-url win; what it leaves out comes from the AMQP settings")
    func credentials() throws {
        let both = try APIEndpoint(url: "http://admin:p%40ss@h", settings: settings)
        #expect(both.user == "admin")
        #expect(both.password == "p@ss")
        #expect(!both.displayURL.contains("p@ss"))
        let userOnly = try APIEndpoint(url: "http://admin@h", settings: settings)
        #expect(userOnly.user == "admin")
        #expect(userOnly.password == "s3cret")
        let none = try APIEndpoint(url: "http://h", settings: settings)
        #expect(none.user == "app")
    }

    @Test(
        "malformed URLs are refused, naming the problem",
        arguments: [
            ("localhost:15672", "expected http:// or https://"),
            ("ftp://h", "scheme 'ftp' is not http or https"),
            ("http://h:99999", "port"),
            ("http://h:port", "port"),
            ("http://::1/", "brackets"),
            ("http://[::1", "closing ']'"),
            ("http:///path", "no host"),
            ("http://u:%zz@h", "password"),
        ])
    func malformed(url: String, problem: String) {
        #expect {
            _ = try APIEndpoint(url: url, settings: settings)
        } throws: { error in
            guard case .badURL(let what) = error as? APIError else { return false }
            return what.contains(problem)
        }
    }
}

@Suite("Management API paths")
struct APIPathTests {
    @Test("names and vhosts are percent-encoded, so '/' is %2F; the prefix comes first")
    func encoding() {
        let path = APIPath(["queues", "/", "orders/eu café"], resource: "queue")
        #expect(path.target(prefix: "") == "/api/queues/%2F/orders%2Feu%20caf%C3%A9")
        #expect(path.target(prefix: "/rabbitmq") == "/rabbitmq/api/queues/%2F/orders%2Feu%20caf%C3%A9")
    }

    @Test("query parameters are appended in order")
    func query() {
        let path = APIPath(["queues"], resource: "queues").adding([("page", "2"), ("page_size", "500")])
        #expect(path.target(prefix: "") == "/api/queues?page=2&page_size=500")
    }
}
