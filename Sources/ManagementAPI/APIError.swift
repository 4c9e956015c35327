import HTTP
import JSON

/// Everything that can go wrong with a management API request, one case per thing a user must
/// do differently.
public enum APIError: Error, Hashable, Sendable {
    /// `--api-url` (or `MQ_API_URL`) cannot be parsed.
    case badURL(String)
    /// Nothing answered at the endpoint: no connection, a timeout, or a broken connection.
    case unreachable(url: String, HTTPError)
    /// Something that is not an HTTP response, or a body that is not the JSON expected.
    case badResponse(url: String, String)
    /// 401: wrong user or password, or a user without a tag that allows the API.
    case unauthorized(user: String, reason: String)
    /// 403: the user may use the API, but not for this.
    case forbidden(user: String, reason: String)
    /// 404: the resource (or the vhost it lives in) does not exist.
    case notFound(resource: String)
    /// Any other status: the API refused the request (4xx) or failed (5xx).
    case rejected(resource: String, status: Int, phrase: String, reason: String)

    /// The error for a response's status, or nil for a 2xx.
    public init?(_ response: Response, path: APIPath, user: String) {
        guard !(200..<300).contains(response.status) else { return nil }
        let reason = Self.reason(in: response.body)
        switch response.status {
        case 401: self = .unauthorized(user: user, reason: reason)
        case 403: self = .forbidden(user: user, reason: reason)
        case 404: self = .notFound(resource: path.resource)
        default:
            self = .rejected(resource: path.resource, status: response.status, phrase: response.reason, reason: reason)
        }
    }

    /// The API's explanation from an error body (`{"error": ..., "reason": ...}`), made one line:
    /// the API's HTML escapes undone and line breaks folded into spaces.
    public static func reason(in body: [UInt8]) -> String {
        var text = String(decoding: body, as: UTF8.self)
        if case .object(let fields)? = try? JSONParser.parse(body) {
            let value = fields.first { $0.0 == "reason" }?.1 ?? fields.first { $0.0 == "error" }?.1
            if case .string(let reason)? = value { text = reason }
        }
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            text = text.replacing(entity, with: character)
        }
        return text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// True when the API could not be reached at all (as opposed to refusing a request).
    public var isUnreachable: Bool {
        if case .unreachable = self { true } else { false }
    }
}

extension APIError: CustomStringConvertible {
    /// One line a shell user understands; never a password.
    public var description: String {
        switch self {
        case .badURL(let problem): "bad management API URL: \(problem)"
        case .unreachable(let url, let error):
            if case .transport(.connectFailed) = error {
                "cannot reach the management API at \(url): \(error); is the management plugin enabled? "
                    + "(rabbitmq-plugins enable rabbitmq_management)"
            } else {
                "cannot reach the management API at \(url): \(error)"
            }
        case .badResponse(let url, let problem): "the management API at \(url) sent what mq cannot read: \(problem)"
        case .unauthorized(let user, let reason):
            if reason.lowercased().contains("management") {
                "management API: access refused for user '\(user)': \(reason); the user lacks the 'management' tag (or "
                    + "another tag that allows the API)"
            } else {
                "management API: access refused for user '\(user)': \(reason) (wrong user or password?; API users also "
                    + "need the 'management' tag)"
            }
        case .forbidden(let user, let reason): "management API: user '\(user)' may not do this: \(reason)"
        case .notFound(let resource): "\(resource): not found (404)"
        case .rejected(let resource, let status, let phrase, let reason):
            "\(resource): \(status)\(phrase.isEmpty ? "" : " " + phrase)\(reason.isEmpty ? "" : " - " + reason)"
        }
    }
}
