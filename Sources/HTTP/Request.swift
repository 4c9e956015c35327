/// One HTTP/1.1 request: method, target, headers and body.
public struct Request: Hashable, Sendable {
    /// `GET`, `PUT`, `POST`, `DELETE`, ...
    public var method: String
    /// The path and query, already percent-encoded, e.g. `/api/queues/%2F?page=1`.
    public var target: String
    /// Header fields in the order they are sent; `Host` and `Content-Length` are added on sending.
    public var headers: [Header]
    public var body: [UInt8]

    public init(method: String, target: String, headers: [Header] = [], body: [UInt8] = []) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
    }

    /// The request as bytes on the wire (RFC 9112 section 3), addressed to `authority`
    /// (`host:port`).
    ///
    /// A body length is always sent for methods that may carry one, so the server never waits
    /// for a body that is not coming.
    public func serialized(authority: String) -> [UInt8] {
        var text = "\(method) \(target) HTTP/1.1\r\nHost: \(authority)\r\n"
        for header in headers { text += "\(header.name): \(header.value)\r\n" }
        if !body.isEmpty || ["POST", "PUT", "PATCH"].contains(method) { text += "Content-Length: \(body.count)\r\n" }
        text += "\r\n"
        return Array(text.utf8) + body
    }

    /// The value of an `Authorization` header for HTTP basic authentication (RFC 7617).
    public static func basicAuthorization(user: String, password: String) -> String {
        "Basic " + Base64.encode(Array("\(user):\(password)".utf8))
    }
}

/// One header field.
public struct Header: Hashable, Sendable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}
