/// A whole message as a transfer carries it (spec 3.2): the bare message (properties,
/// application properties, body) with the annotations around it.
public struct Message: Hashable, Sendable {
    /// The body: data sections, amqp-sequence sections, or one amqp-value section.
    public enum Body: Hashable, Sendable {
        /// One or more `data` sections of opaque bytes (none for an empty message).
        case data([[UInt8]])
        /// One or more `amqp-sequence` sections.
        case amqpSequence([[Value]])
        /// One `amqp-value` section.
        case amqpValue(Value)
    }

    /// The `header` section.
    public var header: Header?
    /// The `delivery-annotations` section.
    public var deliveryAnnotations: Map?
    /// The `message-annotations` section.
    public var messageAnnotations: Map?
    /// The `properties` section.
    public var properties: Properties?
    /// The `application-properties` section.
    public var applicationProperties: Map?
    /// The body sections.
    public var body: Body
    /// The `footer` section.
    public var footer: Map?

    /// A message of these sections; those left out are absent.
    public init(
        header: Header? = nil, deliveryAnnotations: Map? = nil, messageAnnotations: Map? = nil,
        properties: Properties? = nil, applicationProperties: Map? = nil, body: Body = .data([]), footer: Map? = nil
    ) {
        self.header = header
        self.deliveryAnnotations = deliveryAnnotations
        self.messageAnnotations = messageAnnotations
        self.properties = properties
        self.applicationProperties = applicationProperties
        self.body = body
        self.footer = footer
    }

    /// A message of `sections`, which must come in the spec's order, each once, but for the
    /// body's data or amqp-sequence sections, which may repeat but not mix.
    public init(sections: [Section]) throws(WireError) {
        self.init()
        var last: Section.Kind?
        for section in sections {
            let kind = section.kind
            let repeatsBody = kind == last && (kind == .data || kind == .amqpSequence)
            if let last, kind <= last && !repeatsBody {
                throw .malformed(.section(kind.name), .sectionOrder(kind.name))
            }
            if let last, kind.isBody, last.isBody, !repeatsBody {
                throw .malformed(.section(kind.name), .mixedBody)
            }
            last = kind
            switch section {
            case .header(let header): self.header = header
            case .deliveryAnnotations(let map): deliveryAnnotations = map
            case .messageAnnotations(let map): messageAnnotations = map
            case .properties(let properties): self.properties = properties
            case .applicationProperties(let map): applicationProperties = map
            case .data(let bytes):
                if case .data(let earlier) = body { body = .data(earlier + [bytes]) }
            case .amqpSequence(let values):
                if case .amqpSequence(let earlier) = body {
                    body = .amqpSequence(earlier + [values])
                } else {
                    body = .amqpSequence([values])
                }
            case .amqpValue(let value): body = .amqpValue(value)
            case .footer(let map): footer = map
            }
        }
    }

    /// Decodes a message from the payload of its transfer frames, concatenated (a message may be
    /// split across several, spec 2.6.14).
    public init(payload: [UInt8]) throws(WireError) {
        var reader = ByteReader(payload)
        var sections: [Section] = []
        while reader.remaining > 0 {
            if let section = Section.decodeDirect(from: &reader) {
                sections.append(section)
            } else {
                sections.append(try Section(Value.decode(from: &reader, .section("message"))))
            }
        }
        try self.init(sections: sections)
    }

    /// The sections in the order they are written.
    public var sections: [Section] {
        var sections: [Section] = []
        if let header { sections.append(.header(header)) }
        if let deliveryAnnotations { sections.append(.deliveryAnnotations(deliveryAnnotations)) }
        if let messageAnnotations { sections.append(.messageAnnotations(messageAnnotations)) }
        if let properties { sections.append(.properties(properties)) }
        if let applicationProperties { sections.append(.applicationProperties(applicationProperties)) }
        switch body {
        case .data(let parts): sections += parts.map { .data($0) }
        case .amqpSequence(let parts): sections += parts.map { .amqpSequence($0) }
        case .amqpValue(let value): sections.append(.amqpValue(value))
        }
        if let footer { sections.append(.footer(footer)) }
        return sections
    }

    /// Appends the message's sections, as a transfer's payload.
    public func encode(to writer: inout ByteWriter) throws(WireError) {
        for section in sections { try section.value.encode(to: &writer) }
    }
}
