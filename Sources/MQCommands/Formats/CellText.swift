import JSON

/// How a JSON value shows in one cell of a table or of TSV.
enum CellText {
    /// The cell for `value`: empty for a missing field or null; numbers and booleans as JSON
    /// writes them; strings as they are; a list of strings and numbers joined by commas; anything
    /// else as compact JSON. Escaped, so that no value breaks a row.
    static func text(_ value: JSON?) -> String {
        switch value {
        case nil, .null?: return ""
        case .string(let text)?: return escaped(text)
        case .array(let items)? where items.allSatisfy(\.isScalar):
            return items.map { text($0) }.joined(separator: ",")
        case let value?: return escaped(value.serialized())
        }
    }

    /// `text` with backslash, tab, newline and carriage return written as `\\`, `\t`, `\n` and
    /// `\r`: one line, no tab but the separators.
    static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "\\" || $0 == "\t" || $0 == "\n" || $0 == "\r" }) else {
            return text
        }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\t": result += "\\t"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

extension JSON {
    /// True for a string, number, boolean or null.
    var isScalar: Bool {
        switch self {
        case .null, .bool, .int, .uint, .double, .string: true
        case .array, .object: false
        }
    }
}
