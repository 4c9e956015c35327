import ArgumentParsing
import ManagementAPI

/// `mq show overview`: the broker's overview from the management API, one field per row.
enum Show {
    static let overviewColumns = [
        Column("cluster_name"), Column("rabbitmq_version"), Column("erlang_version"), Column("node"),
        Column("queues", ["object_totals", "queues"]), Column("exchanges", ["object_totals", "exchanges"]),
        Column("connections", ["object_totals", "connections"]), Column("channels", ["object_totals", "channels"]),
        Column("consumers", ["object_totals", "consumers"]), Column("messages", ["queue_totals", "messages"]),
        Column("ready", ["queue_totals", "messages_ready"]),
        Column("unacked", ["queue_totals", "messages_unacknowledged"]),
        Column("publish_rate", ["message_stats", "publish_details", "rate"]),
        Column("deliver_rate", ["message_stats", "deliver_get_details", "rate"]),
    ]

    static let spec = Command(
        "show", summary: "Show the broker's overview (management API)",
        subcommands: [
            Command(
                "overview", summary: "Show versions, object totals, message totals and rates, one field per row",
                discussion: "Fields: \(overviewColumns.map(\.title).joined(separator: ", ")). \(List.sampledNote)",
                options: [ListingOptions.columns, ListingOptions.format, ListingOptions.headers],
                examples: [
                    "mq show overview", "mq show overview --columns rabbitmq_version,object_totals.queues --no-headers",
                ],
                action: CommandHandler(run))
        ])

    static func run(_ invocation: Invocation) throws(Failure) {
        let selection = ColumnSelection(invocation.parsed[ListingOptions.columns], defaults: overviewColumns)
        let overview = try withManagementAPI(invocation) { api throws(APIError) in
            try api.get(APIPath(["overview"], resource: "overview"))
        }
        let columns = selection.columns(for: [overview])
        let format = ListingOptions.format(invocation)
        let output: String
        switch format {
        case .json:
            let object =
                selection == .all ? overview : .object(columns.map { ($0.title, overview.value(at: $0.path) ?? .null) })
            output = object.serialized() + "\n"
        case .table, .tsv:
            let rows = columns.map { [CellText.escaped($0.title), CellText.text(overview.value(at: $0.path))] }
            let table = TextTable(
                header: invocation.parsed[ListingOptions.headers] ? ["field", "value"] : nil, rows: rows,
                rightAligned: [false, false])
            output = format == .table ? table.aligned() : table.tabSeparated()
        }
        invocation.stdout.write(output)
        try invocation.stdout.flush()
    }
}
