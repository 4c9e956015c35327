import AMQP
import HTTP
import JSON
import Transport

/// RabbitMQ's HTTP management API as mq uses it: JSON in and out over one kept-alive
/// connection, statuses turned into `APIError`s, every request bounded by the timeout.
public final class ManagementClient {
    public let endpoint: APIEndpoint
    /// Seconds each request may take, connecting included.
    public let timeout: Double
    private let http: HTTP.Client
    private let authorization: String
    private let userAgent: String

    /// The most objects the API gives in one page.
    public static let maximumPageSize = 500

    /// A client of `endpoint`; https uses `tls` (the same CA and certificates as AMQP). Requests
    /// name the program as `userAgent` (`mq/0.1.0`).
    public convenience init(
        endpoint: APIEndpoint, connectTimeout: Double, timeout: Double, tls: TLSOptions, userAgent: String
    ) {
        let http = HTTP.Client(
            host: endpoint.host, port: endpoint.port, connectTimeout: connectTimeout, tls: endpoint.useTLS ? tls : nil)
        self.init(endpoint: endpoint, http: http, timeout: timeout, userAgent: userAgent)
    }

    /// A client of `endpoint` reached through `http`.
    public init(endpoint: APIEndpoint, http: HTTP.Client, timeout: Double, userAgent: String) {
        self.endpoint = endpoint
        self.timeout = timeout
        self.http = http
        self.userAgent = userAgent
        authorization = HTTP.Request.basicAuthorization(user: endpoint.user, password: endpoint.password)
    }

    /// The JSON at `path`.
    public func get(_ path: APIPath) throws(APIError) -> JSON {
        try decode(try send("GET", path).body)
    }

    /// The body at `path` as the API sent it.
    public func getBytes(_ path: APIPath) throws(APIError) -> [UInt8] {
        try send("GET", path).body
    }

    /// Every object of a list, read page by page when `paginated` (the API then answers with
    /// `{"items": [...], "page_count": N, ...}`); a plain array is taken as the whole list. A
    /// first page the API refuses (RabbitMQ 4.0 answers 500 to some paged requests) is asked
    /// for again without paging.
    public func list(_ path: APIPath, paginated: Bool, pageSize: Int = maximumPageSize) throws(APIError) -> [JSON] {
        var objects: [JSON] = []
        var page = 1
        var paginated = paginated
        while true {
            let query =
                paginated ? [(name: "page", value: String(page)), (name: "page_size", value: String(pageSize))] : []
            let answer: JSON
            do {
                answer = try get(path.adding(query))
            } catch .rejected where paginated && page == 1 {
                paginated = false
                continue
            }
            switch answer {
            case .array(let items):
                return items
            case .object(let fields):
                guard case .array(let items)? = fields.first(where: { $0.0 == "items" })?.1 else {
                    return [.object(fields)]
                }
                objects += items
                guard case .int(let pageCount)? = fields.first(where: { $0.0 == "page_count" })?.1,
                    Int64(page) < pageCount
                else {
                    return objects
                }
                page += 1
            case .null, .bool, .int, .uint, .double, .string:
                throw .badResponse(url: endpoint.displayURL, "expected a list of objects")
            }
        }
    }

    /// Creates or replaces the resource at `path` with `body`.
    public func put(_ path: APIPath, _ body: JSON) throws(APIError) {
        _ = try send("PUT", path, body: Array(body.serialized().utf8))
    }

    /// Posts `body` (JSON text) to `path`.
    public func post(_ path: APIPath, body: [UInt8]) throws(APIError) {
        _ = try send("POST", path, body: body)
    }

    /// Deletes the resource at `path`.
    public func delete(_ path: APIPath, headers: [Header] = []) throws(APIError) {
        _ = try send("DELETE", path, headers: headers)
    }

    private func send(_ method: String, _ path: APIPath, body: [UInt8] = [], headers: [Header] = []) throws(APIError)
        -> Response
    {
        var fields = [
            Header("Authorization", authorization), Header("Accept", "application/json"),
            Header("User-Agent", userAgent),
        ]
        if !body.isEmpty { fields.append(Header("Content-Type", "application/json")) }
        let request = HTTP.Request(
            method: method, target: path.target(prefix: endpoint.pathPrefix), headers: fields + headers, body: body)
        let response: Response
        do throws(HTTPError) {
            response = try http.send(request, timeout: timeout)
        } catch {
            if case .malformed(let problem) = error { throw .badResponse(url: endpoint.displayURL, problem) }
            throw .unreachable(url: endpoint.displayURL, error)
        }
        if let error = APIError(response, path: path, user: endpoint.user) { throw error }
        return response
    }

    private func decode(_ body: [UInt8]) throws(APIError) -> JSON {
        do {
            return try JSONParser.parse(body)
        } catch {
            throw .badResponse(url: endpoint.displayURL, "invalid JSON: \(error)")
        }
    }
}
