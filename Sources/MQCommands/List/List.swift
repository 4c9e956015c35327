import ArgumentParsing
import JSON
import ManagementAPI

/// `mq list KIND [NAME...]`: objects from the management API as a table, TSV or JSON.
enum List {
    static let name = Argument<[String]>.variadic("NAME", optional: true, help: "only objects with these exact names")

    static let sampledNote = """
        Message counts and rates come from statistics the broker samples every few seconds: they \
        can be a few seconds old. For the exact number of ready messages in a queue, use \
        `mq declare queue NAME --passive`.
        """

    static let spec = Command(
        "list", summary: "List queues, exchanges, bindings, connections and more (management API)",
        discussion: """
            mq reads these lists from RabbitMQ's HTTP management API (--api-url; by default the \
            broker's host on port 15672, as the same user), in every vhost unless --vhost names one, \
            page by page for long lists.

            \(sampledNote)

            On a terminal the output is an aligned table; otherwise tab-separated values with one \
            header row (--no-headers drops it); with --json, one JSON array. Numbers are plain \
            numbers. A tab, newline or backslash in a value is written \\t, \\n or \\\\.
            """,
        subcommands: ObjectKind.allCases.map { kind in Subcommand(kind.rawValue) { spec(for: kind) } },
        examples: [
            "mq list queues",
            "mq list queues --vhost / --match 'orders.*' --sort messages --reverse",
            "mq list queues --columns name,messages,message_stats.publish_details.rate",
            "mq list connections --json | jq '.[].name'",
            "mq list exchanges --no-headers | cut -f1",
        ])

    static func spec(for kind: ObjectKind) -> Command {
        return Command(
            kind.rawValue, summary: kind.summary, discussion: discussion(for: kind),
            arguments: [name],
            options: ListingOptions.list,
            examples: ["mq list \(kind.rawValue)", "mq list \(kind.rawValue) --columns all --json"],
            action: CommandHandler { invocation throws(Failure) in try run(invocation, kind: kind) })
    }

    /// The help paragraphs of `mq list KIND`.
    private static func discussion(for kind: ObjectKind) -> String {
        var discussion = "Default columns: \(kind.defaultColumns.map(\.title).joined(separator: ", "))."
        if kind == .queues {
            discussion += """
                 \(sampledNote)

                With NAME arguments, when the management API cannot be reached, mq still answers \
                for those queues in the AMQP vhost by a passive declare over AMQP (name, ready \
                messages, consumers), with a note on stderr.
                """
        }
        return discussion
    }

    /// `mq list KIND`.
    static func run(_ invocation: Invocation, kind: ObjectKind) throws(Failure) {
        let parsed = invocation.parsed
        let names = parsed[Self.name]
        let filter = try ObjectFilter(
            names: names, match: parsed[ListingOptions.match], regex: parsed[ListingOptions.regex])
        var selection = ColumnSelection(parsed[ListingOptions.columns], defaults: kind.defaultColumns)
        guard let source = kind.source(vhost: invocation.listedVhost) else {
            throw Failure(.usage(.vhostDoesNotApply(kind: kind.rawValue)))
        }
        var (objects, fromAMQP) = try fetch(kind, from: source, names: names, invocation)
        objects = objects.filter { filter.keeps($0, fields: kind.nameFields) }
        if fromAMQP, !parsed.isSet(ListingOptions.columns) { selection = .columns(PassiveQueueListing.columns) }
        if let sort = parsed[ListingOptions.sort] {
            objects = JSONOrder.sorted(
                objects, by: Column.named(sort, among: kind.defaultColumns).path,
                reverse: parsed[ListingOptions.reverse])
        } else if parsed[ListingOptions.reverse] {
            objects.reverse()
        }
        let listing = ObjectListing(
            objects: objects, columns: selection.columns(for: objects), whole: selection == .all)
        try ListingOptions.print(listing, invocation)
        let missing = filter.missingNames(in: objects, fields: kind.nameFields)
        guard missing.isEmpty else {
            let noun = missing.count == 1 ? kind.singular : kind.rawValue
            throw Failure(.refused(.notListed(noun: noun, names: missing, vhost: invocation.listedVhost)))
        }
    }

    /// The objects from the management API; for named queues when the API cannot be reached,
    /// from passive declares over AMQP instead (then `fromAMQP` is true).
    private static func fetch(
        _ kind: ObjectKind, from source: (path: APIPath, paginated: Bool), names: [String], _ invocation: Invocation
    ) throws(Failure) -> (objects: [JSON], fromAMQP: Bool) {
        let client = try invocation.managementAPI()
        do {
            let pageSize = invocation.parsed[ListingOptions.pageSize]
            return (try client.list(source.path, paginated: source.paginated, pageSize: pageSize), false)
        } catch {
            guard error.isUnreachable, kind == .queues, !names.isEmpty else { throw Failure(error) }
            invocation.note("\(error); answering from AMQP instead (name, ready messages and consumers only)")
            return (try PassiveQueueListing.objects(names, invocation), true)
        }
    }
}
