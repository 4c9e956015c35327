import AMQPWire
import ArgumentParsing

/// `--header` and `--header-string`: the headers a message is given (publish, request) or
/// routed with (route), one group each of them declares.
enum MessageHeaders {
    static let header = Option<[KeyValue]>.repeated(
        "header", short: "H", valueName: "KEY=VALUE", help: "a header; whole numbers and true/false are typed")
    static let headerString = Option<[KeyValue]>.repeated(
        "header-string", valueName: "KEY=VALUE", help: "a header that stays a string")

    static let group = OptionGroup([header, headerString])

    /// The headers given: `--header` values typed (whole numbers, true and false), then the
    /// `--header-string` ones.
    static func table(_ parsed: ParsedCommand) -> FieldTable {
        TypedValues.table(parsed[header], strings: parsed[headerString])
    }
}
