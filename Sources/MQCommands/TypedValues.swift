import AMQPWire

/// Turns `KEY=VALUE` words from the command line into field-table entries, typed as a user of
/// rabbitmqadmin expects: whole numbers become integers, true/false booleans, the rest strings.
enum TypedValues {
    /// The table of `pairs`; every pair in `strings` stays a string whatever it looks like.
    static func table(_ pairs: [String], strings: [String] = []) -> FieldTable {
        var table = FieldTable()
        for pair in pairs {
            let (key, value) = split(pair)
            table[key] = typed(value)
        }
        for pair in strings {
            let (key, value) = split(pair)
            table[key] = .string(value)
        }
        return table
    }

    /// The typed value of one word.
    static func typed(_ value: String) -> FieldValue {
        if let number = Int64(value) {
            return Int32(exactly: number).map(FieldValue.int32) ?? .int64(number)
        }
        switch value {
        case "true": return .boolean(true)
        case "false": return .boolean(false)
        default: return .string(value)
        }
    }

    /// Splits at the first `=` (the parser has checked there is one).
    static func split(_ pair: String) -> (String, String) {
        let equals = pair.firstIndex(of: "=") ?? pair.endIndex
        let value = equals == pair.endIndex ? "" : String(pair[pair.index(after: equals)...])
        return (String(pair[..<equals]), value)
    }
}
