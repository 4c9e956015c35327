/// The authority of a URI, `[user[:password]@]host[:port]` (RFC 3986 section 3.2), with user,
/// password and host percent-decoded and an IPv6 host written in brackets. Parts the text leaves
/// out are nil.
public struct URIAuthority: Hashable, Sendable {
    public var user: String?
    public var password: String?
    public var host: String?
    public var port: Int?

    /// Parses `text`; an error names the part that is wrong, never the text (it may hold a password).
    public init(parsing text: Substring) throws(URIError) {
        var hostPort = text
        if let at = text.lastIndex(of: "@") {
            let userInfo = text[..<at]
            hostPort = text[text.index(after: at)...]
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
            guard portText.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(portText),
                (1...65535).contains(number)
            else {
                throw URIError(part: "port", problem: "not a port number (1-65535)")
            }
            port = number
        }
    }
}

/// A URI that could not be parsed; names the part that is wrong, never the password's value.
public struct URIError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Which part of the URI is wrong, e.g. `port`.
    public let part: String
    /// What is wrong with it.
    public let problem: String

    public init(part: String, problem: String) {
        self.part = part
        self.problem = problem
    }

    public var description: String { "\(part): \(problem)" }
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
