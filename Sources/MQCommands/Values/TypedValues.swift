import AMQPWire
import ArgumentParsing

/// Turns `KEY=VALUE` words from the command line into field-table entries, typed as a user of
/// rabbitmqadmin expects: whole numbers become integers, true/false booleans, the rest strings.
enum TypedValues {
    /// The table of `pairs`; every pair in `strings` stays a string whatever it looks like.
    static func table(_ pairs: [KeyValue], strings: [KeyValue] = []) -> FieldTable {
        var table = FieldTable()
        for pair in pairs { table[pair.key] = typed(pair.value) }
        for pair in strings { table[pair.key] = .string(pair.value) }
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

}
