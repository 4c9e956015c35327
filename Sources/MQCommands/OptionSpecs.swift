import ArgumentParsing

/// Option specs that several verbs share.
enum OptionSpecs {
    static let format = OptionSpec(
        "format", value: .choice(MessageFormat.allCases.map(\.rawValue)), valueName: "FORMAT", default: "line",
        help: "line: body and newline; raw: bodies back to back; json: one object per message")
}
