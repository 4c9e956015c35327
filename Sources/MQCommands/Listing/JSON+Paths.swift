extension JSON {
    /// The value of field `key` of an object; nil for a missing field or a value that is not an
    /// object.
    subscript(key: String) -> JSON? {
        guard case .object(let fields) = self else { return nil }
        return fields.first { $0.0 == key }?.1
    }

    /// The value at a path of field names, e.g. `["message_stats", "publish_details", "rate"]`.
    func value(at path: [String]) -> JSON? {
        var value: JSON? = self
        for key in path { value = value?[key] }
        return value
    }

    /// The paths of every leaf: each value that is not a non-empty object, in the order the
    /// fields come.
    var leafPaths: [[String]] {
        guard case .object(let fields) = self, !fields.isEmpty else { return [[]] }
        return fields.flatMap { key, value in value.leafPaths.map { [key] + $0 } }
    }

    /// True for numbers.
    var isNumber: Bool {
        switch self {
        case .int, .uint, .double: true
        case .null, .bool, .string, .array, .object: false
        }
    }
}
