extension ConnectionSettings {
    /// Parses an AMQP URI (RabbitMQ's URI spec); parts the URI leaves out keep their defaults.
    public init(uri: String) throws(URIError) {
        guard let colon = uri.firstIndex(of: ":"), uri[colon...].hasPrefix("://") else {
            throw URIError(part: "scheme", problem: "expected amqp:// or amqps://")
        }
        let scheme = uri[..<colon].lowercased()
        guard scheme == "amqp" || scheme == "amqps" else {
            throw URIError(part: "scheme", problem: "'\(scheme)' is not amqp or amqps")
        }
        self.init(useTLS: scheme == "amqps")
        var rest = uri[uri.index(colon, offsetBy: 3)...]
        var query: Substring?
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        if let fragment = rest.firstIndex(of: "#") { rest = rest[..<fragment] }
        let authority: Substring
        if let slash = rest.firstIndex(of: "/") {
            authority = rest[..<slash]
            let path = rest[rest.index(after: slash)...]
            guard !path.contains("/") else {
                throw URIError(part: "vhost", problem: "a '/' in the vhost must be written %2F")
            }
            virtualHost = try PercentEncoding.decode(path, part: "vhost")
        } else {
            authority = rest
        }
        try parseAuthority(authority)
        if let query { try parseQuery(query) }
    }

    private mutating func parseAuthority(_ authority: Substring) throws(URIError) {
        var hostPort = authority
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            hostPort = authority[authority.index(after: at)...]
            if let colon = userInfo.firstIndex(of: ":") {
                user = try PercentEncoding.decode(userInfo[..<colon], part: "user")
                password = try PercentEncoding.decode(userInfo[userInfo.index(after: colon)...], part: "password")
            } else {
                user = try PercentEncoding.decode(userInfo, part: "user")
            }
        }
        var portText: Substring?
        if hostPort.hasPrefix("[") {
            guard let close = hostPort.firstIndex(of: "]") else {
                throw URIError(part: "host", problem: "'[' without a closing ']'")
            }
            host = String(hostPort[hostPort.index(after: hostPort.startIndex)..<close])
            let after = hostPort[hostPort.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw URIError(part: "host", problem: "unexpected text after ']'") }
                portText = after.dropFirst()
            }
        } else {
            let pieces = hostPort.split(separator: ":", omittingEmptySubsequences: false)
            guard pieces.count <= 2 else {
                throw URIError(part: "host", problem: "an IPv6 address must be written in brackets, e.g. [::1]")
            }
            if !pieces[0].isEmpty { host = try PercentEncoding.decode(pieces[0], part: "host") }
            if pieces.count == 2 { portText = pieces[1] }
        }
        if let portText, !portText.isEmpty {
            // The text is not shown: when the '@' is missing or the password holds an unescaped
            // '/', '?' or '#', the password lands here.
            guard portText.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(portText), (1...65535).contains(number) else {
                throw URIError(part: "port", problem: "not a port number (1-65535)")
            }
            port = number
        }
    }

    private mutating func parseQuery(_ query: Substring) throws(URIError) {
        for pair in query.split(separator: "&") {
            let pieces = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(pieces[0])
            let value = pieces.count == 2 ? String(pieces[1]) : ""
            func number<T: FixedWidthInteger>(_: T.Type) throws(URIError) -> T {
                guard let parsed = T(value) else {
                    throw URIError(part: key, problem: "'\(value)' is not a number from \(T.min) to \(T.max)")
                }
                return parsed
            }
            switch key {
            case "heartbeat": heartbeat = try number(UInt16.self)
            case "connection_timeout": connectionTimeout = Double(try number(UInt32.self)) / 1000
            case "channel_max": channelMax = try number(UInt16.self)
            case "frame_max":
                let size = try number(UInt32.self)
                guard size == 0 || size >= 4096 else {
                    throw URIError(part: key, problem: "'\(value)' is below the minimum frame size 4096")
                }
                frameMax = size
            default:
                throw URIError(
                    part: "query", problem: "unknown parameter '\(key)' (known: heartbeat, connection_timeout, channel_max, frame_max)")
            }
        }
    }
}

/// RFC 3986 percent-encoding, as the AMQP URI spec uses it for user, password, host and vhost,
/// and as the management API's paths need it for names and vhosts.
public enum PercentEncoding {
    /// Decodes `%XX` escapes; the error names `part` but never shows the text (it may be a password).
    public static func decode(_ text: Substring, part: String) throws(URIError) -> String {
        guard text.contains("%") else { return String(text) }
        var bytes: [UInt8] = []
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                throw URIError(part: part, problem: "'%' must be followed by two hex digits")
            }
            bytes.append(high << 4 | low)
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            throw URIError(part: part, problem: "percent-escapes do not form valid UTF-8")
        }
        return decoded
    }

    /// Encodes everything but RFC 3986 unreserved characters.
    public static func encode(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                result += byte < 16 ? "%0\(hex)" : "%\(hex)"
            }
        }
        return result
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
