import ArgumentParsing
import ManagementAPI

/// The options `mq list` and `mq show` share, and what they mean.
enum ListingOptions {
    static let columns = Option<ColumnNames?>.decoded(
        "columns", valueName: "COLUMNS",
        help:
            "columns to show, e.g. name,messages; dotted paths reach nested fields "
            + "(message_stats.publish_details.rate); 'all' for every field"
    )
    static let format = Option<ObjectListing.Format?>(
        OptionSpec(
            "format", value: .choice(ObjectListing.Format.allCases.map(\.rawValue)), valueName: "FORMAT",
            help: "table, tsv or json (default: table on a terminal, tsv otherwise; --json means json)")
    ) { $0.last.flatMap(ObjectListing.Format.init(rawValue:)) }.configurable()
    static let headers = Option<Bool>.flag(
        "headers", default: true, negatable: true, help: "print a header row in tables and TSV")
    static let match = Option<String?>.text(
        "match", valueName: "PATTERN", help: "only names matching this wildcard pattern (* ? [a-z]), e.g. 'orders.*'")
    static let regex = Option<Bool>.flag("regex", help: "--match is a regular expression, found anywhere in the name")
    static let sort = Option<String?>.text(
        "sort", valueName: "COLUMN", help: "sort by this column (a title or a dotted path)")
    static let reverse = Option<Bool>.flag("reverse", help: "reverse the order")
    static let pageSize = Option<Int>.integer(
        "page-size", range: 1...Int64(ManagementClient.maximumPageSize), default: 500,
        help: "objects per request for lists the API reads page by page")

    /// The options of each `mq list` kind.
    static let list: [any OptionDeclaration] = [columns, match, regex, sort, reverse, format, headers, pageSize]

    /// The format the options and stdout ask for.
    static func format(_ invocation: Invocation) -> ObjectListing.Format {
        if invocation.json { return .json }
        return invocation.parsed[Self.format] ?? (invocation.stdout.isTerminal ? .table : .tsv)
    }

    /// Prints `listing` as the options say.
    static func print(_ listing: ObjectListing, _ invocation: Invocation) throws(Failure) {
        invocation.stdout.write(listing.rendered(format(invocation), headers: invocation.parsed[headers]))
        try invocation.stdout.flush()
    }
}
