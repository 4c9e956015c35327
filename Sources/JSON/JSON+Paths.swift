extension JSON {
    /// The value of field `key` of an object; nil for a missing field or a value that is not an
    /// object.
    public subscript(key: String) -> JSON? {
        guard case .object(let fields) = self else { return nil }
        return fields.first { $0.0 == key }?.1
    }

    /// The value at a path of field names, e.g. `["message_stats", "publish_details", "rate"]`.
    public func value(at path: [String]) -> JSON? {
        var value: JSON? = self
        for key in path { value = value?[key] }
        return value
    }

    /// The paths of every leaf: each value that is not a non-empty object, in the order the
    /// fields come.
    public var leafPaths: [[String]] {
        guard case .object(let fields) = self, !fields.isEmpty else { return [[]] }
        return fields.flatMap { key, value in value.leafPaths.map { [key] + $0 } }
    }

    /// True for numbers.
    public var isNumber: Bool {
        switch self {
        case .int, .uint, .double: true
        case .null, .bool, .string, .array, .object: false
        }
    }

    /// The string, if this is one.
    public var string: String? {
        if case .string(let text) = self { text } else { nil }
    }

    /// A whole number (a double the API sent for one is cut to its integer part).
    public var integer: Int64? {
        switch self {
        case .int(let value): value
        case .uint(let value): Int64(clamping: value)
        case .double(let value) where value.isFinite: Int64(value)
        case .null, .bool, .double, .string, .array, .object: nil
        }
    }

    /// Any number as a double.
    public var number: Double? {
        switch self {
        case .int(let value): Double(value)
        case .uint(let value): Double(value)
        case .double(let value): value
        case .null, .bool, .string, .array, .object: nil
        }
    }
}
