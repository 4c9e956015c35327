import ArgumentParsing
import JSON

/// `--template TEXT`: how consume, get and request write each message, as text with fields in
/// braces (`{routing_key}\t{body}\n`). Parsed once, when the parser checks the option, into
/// segments that `render` turns into bytes per message.
///
/// Fields: `{body}`, `{body_base64}`, `{exchange}`, `{routing_key}`, `{redelivered}`,
/// `{delivery_tag}`, `{queue}`, `{offset}` (a stream message's offset), `{properties.NAME}` (the
/// JSON names of `--format json`, and
/// `headers` for the whole table), `{headers.NAME}`. Escapes: `\n`, `\t`, `\\`, `{{`, `}}`.
struct MessageTemplate: TextDecodable, Equatable {
    /// A field of the message's envelope, by the name the template gives it.
    enum Envelope: String, CaseIterable, Sendable {
        case body
        case bodyBase64 = "body_base64"
        case exchange
        case routingKey = "routing_key"
        case redelivered
        case deliveryTag = "delivery_tag"
        case queue
        case offset
    }

    /// A piece of the template: text as it is, or a field of the message.
    enum Segment: Equatable, Sendable {
        case literal([UInt8])
        case envelope(Envelope)
        /// A basic property, by its index in `MessageJSON.propertyFields`.
        case property(Int)
        /// `{properties.headers}`: the whole header table as JSON.
        case headers
        /// One header, by name.
        case header(String)
    }

    let segments: [Segment]

    init(segments: [Segment]) { self.segments = segments }

    init(text: String) throws(ValueProblem) {
        var parser = TemplateParser(text)
        segments = try parser.segments()
    }

    /// What `{NAME}` stands for, or the problem with it.
    static func segment(named name: Substring) throws(ValueProblem) -> Segment {
        if let envelope = Envelope(rawValue: String(name)) { return .envelope(envelope) }
        if name.hasPrefix(Self.propertiesPrefix) {
            let property = name.dropFirst(Self.propertiesPrefix.count)
            if property == MessageJSON.headersField { return .headers }
            guard let index = MessageJSON.propertyFields.firstIndex(where: { $0.name == property }) else {
                throw ValueProblem("'{\(name)}' is not a property: \(propertyNames.joined(separator: ", "))")
            }
            return .property(index)
        }
        if name.hasPrefix(Self.headersPrefix) {
            let header = name.dropFirst(Self.headersPrefix.count)
            guard !header.isEmpty else { throw ValueProblem("'{\(name)}' names no header") }
            return .header(String(header))
        }
        let fields = Envelope.allCases.map(\.rawValue) + [Self.propertiesPrefix + "NAME", Self.headersPrefix + "NAME"]
        throw ValueProblem("'{\(name)}' is not a field: \(fields.joined(separator: ", "))")
    }

    private static let propertiesPrefix = "properties."
    private static let headersPrefix = MessageJSON.headersField + "."
    /// Every name `{properties.NAME}` takes.
    private static var propertyNames: [String] { MessageJSON.propertyFields.map(\.name) + [MessageJSON.headersField] }
}

/// Reads a template's text into segments, one character at a time, naming the column (from 1)
/// of anything it cannot read.
private struct TemplateParser {
    private let characters: [Character]
    private var index = 0
    private var literal: [UInt8] = []
    private var parsed: [MessageTemplate.Segment] = []

    init(_ text: String) { characters = Array(text) }

    mutating func segments() throws(ValueProblem) -> [MessageTemplate.Segment] {
        while index < characters.count {
            let character = characters[index]
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            switch character {
            case "{" where next == "{", "}" where next == "}":
                literal.append(contentsOf: character.utf8)
                index += 2
            case "{": try field()
            case "}": throw ValueProblem("'}' at column \(index + 1) closes nothing (write }} for a brace)")
            case "\\": try escape(next)
            default:
                literal.append(contentsOf: character.utf8)
                index += 1
            }
        }
        endLiteral()
        return parsed
    }

    /// `{NAME}`, from its opening brace.
    private mutating func field() throws(ValueProblem) {
        let start = index
        guard let close = characters[(start + 1)...].firstIndex(where: { $0 == "}" || $0 == "{" }),
            characters[close] == "}"
        else {
            throw ValueProblem("'{' at column \(start + 1) is not closed (write {{ for a brace)")
        }
        endLiteral()
        parsed.append(try MessageTemplate.segment(named: Substring(String(characters[(start + 1)..<close]))))
        index = close + 1
    }

    /// `\n`, `\t` or `\\`, from its backslash.
    private mutating func escape(_ next: Character?) throws(ValueProblem) {
        switch next {
        case "n": literal.append(10)
        case "t": literal.append(9)
        case "\\": literal.append(UInt8(ascii: "\\"))
        default:
            let written = next.map { "\\" + String($0) } ?? "\\"
            throw ValueProblem(#"'\#(written)' at column \#(index + 1) is not an escape (\n, \t or \\)"#)
        }
        index += 2
    }

    private mutating func endLiteral() {
        guard !literal.isEmpty else { return }
        parsed.append(.literal(literal))
        literal.removeAll()
    }
}
