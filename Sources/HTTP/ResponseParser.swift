/// Decodes HTTP/1.x responses from bytes as they arrive (RFC 9112).
///
/// `append` adds bytes in pieces of any size; `next` returns a complete response, nil while bytes
/// are still missing, and throws when they are malformed. The same bytes split at any offsets
/// decode to the same responses. A body that runs to the end of the connection completes in
/// `finish`, called when the server closes.
public struct ResponseParser: Sendable {
    /// The most bytes the status line and headers may take.
    public static let maximumHeadSize = 64 * 1024
    /// The longest chunk-size line accepted (size and extensions).
    static let maximumChunkLineSize = 1024

    /// What the parser is waiting for.
    enum State: Sendable {
        /// The status line and headers of the next response.
        case head
        /// The body of a response whose head has arrived, framed as the head said.
        case body(Head, Framing)
    }

    /// How the body's end is found (RFC 9112 section 6.3).
    enum Framing: Sendable {
        case length(remaining: Int)
        case chunked(ChunkPhase)
        case untilClose
    }

    /// Where the parser is inside a chunked body (RFC 9112 section 7.1).
    enum ChunkPhase: Sendable {
        case size
        case data(remaining: Int)
        case dataEnd
        case trailer
    }

    /// A parsed status line and headers.
    struct Head: Sendable {
        var status: Int
        var reason: String
        var headers: [Header]
        var minorVersion: Int
    }

    private var buffer: [UInt8] = []
    private var index = 0
    /// How far the search for the end of the head has got, so bytes are not scanned twice.
    private var scanned = 0
    private var state = State.head
    private var body: [UInt8] = []

    public init() {}

    /// True when no response has begun to arrive: the connection may be closed or reused safely.
    public var isIdle: Bool {
        switch state {
        case .head: index == buffer.count
        case .body: false
        }
    }

    /// Adds bytes received from the server.
    public mutating func append(_ bytes: some Collection<UInt8>) {
        if index > 0, index >= buffer.count / 2 {
            buffer.removeFirst(index)
            scanned -= index
            index = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete response, or nil when more bytes are needed.
    public mutating func next() throws(HTTPError) -> Response? {
        while true {
            switch state {
            case .head:
                guard let head = try parseHead() else { return nil }
                if (100..<200).contains(head.status) {
                    guard head.status != 101 else { throw .malformed("unexpected 101 Switching Protocols") }
                    continue
                }
                let framing = try Self.framing(of: head)
                state = .body(head, framing)
            case .body(let head, let framing):
                switch try readBody(framing) {
                case .needMore: return nil
                case .advanced(let next): state = .body(head, next)
                case .complete: return complete(head)
                }
            }
        }
    }

    /// Called when the server has closed the connection: the response whose body ran to the
    /// close, nil when nothing was pending, or an error when a response was cut short.
    public mutating func finish() throws(HTTPError) -> Response? {
        switch state {
        case .head:
            guard index == buffer.count else {
                throw .connectionLost("the server closed the connection in the middle of a response")
            }
            return nil
        case .body(let head, let framing):
            switch framing {
            case .untilClose:
                body.append(contentsOf: buffer[index...])
                index = buffer.count
                return complete(head)
            case .length, .chunked:
                throw .connectionLost("the server closed the connection in the middle of a response")
            }
        }
    }

    private mutating func complete(_ head: Head) -> Response {
        let response = Response(
            status: head.status, reason: head.reason, headers: head.headers, body: body, minorVersion: head.minorVersion
        )
        body = []
        state = .head
        return response
    }

    // MARK: - Head

    private mutating func parseHead() throws(HTTPError) -> Head? {
        var end: Int?
        var position = max(index, scanned - 3)
        while position + 3 < buffer.count {
            if buffer[position] == 13, buffer[position + 1] == 10, buffer[position + 2] == 13,
                buffer[position + 3] == 10
            {
                end = position
                break
            }
            position += 1
        }
        guard let end else {
            scanned = buffer.count
            if buffer.count - index > Self.maximumHeadSize {
                throw .malformed("headers longer than \(Self.maximumHeadSize) bytes")
            }
            return nil
        }
        let text = String(decoding: buffer[index..<end], as: UTF8.self)
        index = end + 4
        scanned = index
        var lines = text.split(separator: "\r\n", omittingEmptySubsequences: false)[...]
        var head = try Self.statusLine(lines.removeFirst())
        for line in lines {
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else {
                throw .malformed("header line without a name: '\(line.prefix(80))'")
            }
            let name = line[..<colon]
            guard !name.contains(" "), !name.contains("\t") else {
                throw .malformed("space in header name '\(name.prefix(80))'")
            }
            head.headers.append(Header(String(name), String(line[line.index(after: colon)...].trimmingSpaces)))
        }
        return head
    }

    private static func statusLine(_ line: Substring) throws(HTTPError) -> Head {
        let bytes = Array(line.utf8)
        func digit(_ offset: Int) -> Int? {
            guard offset < bytes.count, (48...57).contains(bytes[offset]) else { return nil }
            return Int(bytes[offset] - 48)
        }
        guard bytes.starts(with: Array("HTTP/1.".utf8)), let minor = digit(7), bytes.count >= 12, bytes[8] == 32,
            let hundreds = digit(9), let tens = digit(10), let units = digit(11), bytes.count == 12 || bytes[12] == 32
        else {
            throw .malformed("not an HTTP/1.x status line: '\(line.prefix(80))'")
        }
        let reason = bytes.count > 13 ? String(decoding: bytes[13...], as: UTF8.self) : ""
        return Head(status: hundreds * 100 + tens * 10 + units, reason: reason, headers: [], minorVersion: minor)
    }

    private static func framing(of head: Head) throws(HTTPError) -> Framing {
        if head.status == 204 || head.status == 304 { return .length(remaining: 0) }
        let field: (String) -> [String] = { name in head.headers.filter { $0.name.lowercased() == name }.map(\.value) }
        let codings = field("transfer-encoding").flatMap {
            $0.lowercased().split(separator: ",").map { String($0.trimmingSpaces) }
        }
        if let last = codings.last {
            return last == "chunked" ? .chunked(.size) : .untilClose
        }
        let lengths = Set(
            field("content-length").flatMap { $0.split(separator: ",").map { String($0.trimmingSpaces) } })
        guard let text = lengths.first else { return .untilClose }
        guard lengths.count == 1, !text.isEmpty, text.utf8.allSatisfy({ (48...57).contains($0) }),
            let length = Int(text)
        else {
            throw .malformed("bad Content-Length '\(field("content-length").joined(separator: ", "))'")
        }
        return .length(remaining: length)
    }

    // MARK: - Body

    /// What one step of reading a body achieved.
    enum Progress {
        /// The bytes so far are consumed; the body goes on.
        case needMore
        /// The body goes on, framed from here on like this.
        case advanced(Framing)
        case complete
    }

    /// Consumes the body bytes that have arrived, or one step of a chunked body.
    private mutating func readBody(_ framing: Framing) throws(HTTPError) -> Progress {
        switch framing {
        case .length(let remaining):
            let taken = min(remaining, buffer.count - index)
            body.append(contentsOf: buffer[index..<index + taken])
            index += taken
            if taken == remaining { return .complete }
            return taken == 0 ? .needMore : .advanced(.length(remaining: remaining - taken))
        case .untilClose:
            body.append(contentsOf: buffer[index...])
            index = buffer.count
            return .needMore
        case .chunked(let phase):
            return try readChunk(phase)
        }
    }

    private mutating func readChunk(_ phase: ChunkPhase) throws(HTTPError) -> Progress {
        switch phase {
        case .size:
            guard let line = try line(limit: Self.maximumChunkLineSize, what: "chunk size") else { return .needMore }
            let digits = line.prefix { $0 != UInt8(ascii: ";") }.filter { $0 != 32 && $0 != 9 }
            guard !digits.isEmpty, digits.count <= 15,
                let size = Int(String(decoding: digits, as: UTF8.self), radix: 16)
            else {
                throw .malformed("bad chunk size '\(String(decoding: line.prefix(40), as: UTF8.self))'")
            }
            return .advanced(.chunked(size == 0 ? .trailer : .data(remaining: size)))
        case .data(let remaining):
            let taken = min(remaining, buffer.count - index)
            guard taken > 0 else { return .needMore }
            body.append(contentsOf: buffer[index..<index + taken])
            index += taken
            return .advanced(.chunked(taken == remaining ? .dataEnd : .data(remaining: remaining - taken)))
        case .dataEnd:
            guard buffer.count - index >= 2 else { return .needMore }
            guard buffer[index] == 13, buffer[index + 1] == 10 else {
                throw .malformed("chunk data longer than its size")
            }
            index += 2
            return .advanced(.chunked(.size))
        case .trailer:
            guard let line = try line(limit: Self.maximumHeadSize, what: "trailer field") else { return .needMore }
            return line.isEmpty ? .complete : .advanced(.chunked(.trailer))
        }
    }

    /// The next CRLF-terminated line without its CRLF, or nil when it has not fully arrived.
    private mutating func line(limit: Int, what: String) throws(HTTPError) -> ArraySlice<UInt8>? {
        var position = index
        while position + 1 < buffer.count {
            if buffer[position] == 13, buffer[position + 1] == 10 {
                let line = buffer[index..<position]
                index = position + 2
                return line
            }
            position += 1
        }
        if buffer.count - index > limit { throw .malformed("\(what) line longer than \(limit) bytes") }
        return nil
    }
}
