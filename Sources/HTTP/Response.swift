/// One HTTP response: status, reason phrase, headers and the whole body.
public struct Response: Hashable, Sendable {
    /// The status code, e.g. 200.
    public var status: Int
    /// The reason phrase, e.g. `Not Found` (may be empty: HTTP/1.1 makes it optional).
    public var reason: String
    /// Header fields in the order they arrived.
    public var headers: [Header]
    public var body: [UInt8]
    /// The minor version of HTTP/1.x the server answered with.
    public var minorVersion: Int

    public init(status: Int, reason: String, headers: [Header] = [], body: [UInt8] = [], minorVersion: Int = 1) {
        self.status = status
        self.reason = reason
        self.headers = headers
        self.body = body
        self.minorVersion = minorVersion
    }

    /// The value of the first header called `name` (compared without regard to case).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// True when the server will not take another request on this connection (RFC 9112
    /// section 9.3): it said `Connection: close`, or it spoke HTTP/1.0 without keep-alive.
    public var closesConnection: Bool {
        let tokens = (header("Connection") ?? "").lowercased().split(separator: ",").map { $0.trimmingSpaces }
        if tokens.contains("close") { return true }
        return minorVersion == 0 && !tokens.contains("keep-alive")
    }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs.
    var trimmingSpaces: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return self[first...last]
    }
}
