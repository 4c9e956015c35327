/// `role` (spec 2.8.1): which end of a link this is; false for a sender, true for a receiver.
public enum Role: Hashable, Sendable, FieldCodable {
    /// The end that sends messages (`false`).
    case sender
    /// The end that receives them (`true`).
    case receiver

    public init(fieldValue: Value, _ field: WireError.Field) throws(WireError) {
        self = try Bool(fieldValue: fieldValue, field) ? .receiver : .sender
    }

    public var fieldValue: Value { .boolean(self == .receiver) }
}
