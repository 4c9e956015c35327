import ArgumentParsing

/// The options `mq list` and `mq show` share, and what they mean.
enum ListingOptions {
    static let columns = OptionSpec(
        "columns", value: .text, valueName: "COLUMNS",
        help: "columns to show, e.g. name,messages; dotted paths reach nested fields (message_stats.publish_details.rate); 'all' for every field")
    static let format = OptionSpec(
        "format", value: .choice(ObjectListing.Format.allCases.map(\.rawValue)), valueName: "FORMAT",
        help: "table, tsv or json (default: table on a terminal, tsv otherwise; --json means json)")
    static let headers = OptionSpec.flag("headers", default: true, negatable: true, help: "print a header row in tables and TSV")

    /// The options of each `mq list` kind.
    static let list: [OptionSpec] = [
        columns,
        OptionSpec("match", value: .text, valueName: "PATTERN", help: "only names matching this wildcard pattern (* ? [a-z]), e.g. 'orders.*'"),
        .flag("regex", help: "--match is a regular expression, found anywhere in the name"),
        OptionSpec("sort", value: .text, valueName: "COLUMN", help: "sort by this column (a title or a dotted path)"),
        .flag("reverse", help: "reverse the order"),
        format, headers,
        OptionSpec("page-size", value: .integer(1...Int64(ManagementClient.maximumPageSize)), valueName: "N", default: "500",
                   help: "objects per request for lists the API reads page by page"),
    ]

    /// The format the options and stdout ask for.
    static func format(_ invocation: Invocation) -> ObjectListing.Format {
        if invocation.json { return .json }
        if let value = invocation.parsed.value("format"), let format = ObjectListing.Format(rawValue: value) { return format }
        return invocation.stdout.isTerminal ? .table : .tsv
    }

    /// Prints `listing` as the options say.
    static func print(_ listing: ObjectListing, _ invocation: Invocation) throws(Failure) {
        invocation.stdout.write(listing.rendered(format(invocation), headers: invocation.parsed.flag("headers")))
        try invocation.stdout.flush()
    }
}
