/// The state of a delivery (spec 3.4): where it got to (`received`), or its outcome, which
/// transfer, disposition and a source's default-outcome carry.
public enum DeliveryState: Hashable, Sendable, FieldCodable {
    /// Part of the message was received (not an outcome).
    case received(Received)
    /// The receiver took the message.
    case accepted
    /// The receiver found the message invalid; the error says why.
    case rejected(Rejected)
    /// The message was given back unprocessed, to be delivered again.
    case released
    /// The message was given back, perhaps with changed annotations.
    case modified(Modified)

    public init(fieldValue: Value, _ field: WireError.Field) throws(WireError) {
        guard case .described(let descriptor, let body) = fieldValue else {
            throw .unexpected(fieldValue, in: field, expected: "delivery-state")
        }
        if Received.isDescribed(by: descriptor) {
            self = .received(try Received(described: body, field))
        } else if Accepted.isDescribed(by: descriptor) {
            _ = try Accepted(described: body, field)
            self = .accepted
        } else if Rejected.isDescribed(by: descriptor) {
            self = .rejected(try Rejected(described: body, field))
        } else if Released.isDescribed(by: descriptor) {
            _ = try Released(described: body, field)
            self = .released
        } else if Modified.isDescribed(by: descriptor) {
            self = .modified(try Modified(described: body, field))
        } else {
            throw .unknownDescriptor(descriptor, field)
        }
    }

    public var fieldValue: Value {
        switch self {
        case .received(let received): received.fieldValue
        case .accepted: Accepted().fieldValue
        case .rejected(let rejected): rejected.fieldValue
        case .released: Released().fieldValue
        case .modified(let modified): modified.fieldValue
        }
    }
}
