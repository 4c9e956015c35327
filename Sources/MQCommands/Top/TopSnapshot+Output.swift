import JSON

/// A snapshot as `mq top --once` (or `mq top` into a pipe) prints it.
extension TopSnapshot {
    /// The queues as TSV, a header row first when `headers`.
    func tabSeparated(headers: Bool) -> String {
        let columns = TopColumn.snapshotColumns
        let table = TextTable(
            header: headers ? columns.compactMap(\.field) : nil,
            rows: queues.map { row in columns.map { CellText.text(Self.value(row, $0)) } },
            rightAligned: columns.map(\.isNumeric))
        return table.tabSeparated()
    }

    /// `{"broker": {...}, "queues": [...]}`.
    func json() -> JSON {
        let nodes = broker.nodes.map { node in
            JSON.object([
                ("name", .string(node.name)), ("mem_used", .int(node.memoryUsed)),
                ("mem_limit", .int(node.memoryLimit)),
                ("mem_alarm", .bool(node.memoryAlarm)), ("disk_free", .int(node.diskFree)),
                ("disk_free_limit", .int(node.diskFreeLimit)),
                ("disk_free_alarm", .bool(node.diskAlarm)),
            ])
        }
        let summary = JSON.object([
            ("version", .string(broker.version)), ("cluster", .string(broker.cluster)),
            ("connections", .int(broker.connections)),
            ("channels", .int(broker.channels)), ("nodes", .array(nodes)),
        ])
        let rows = queues.map { row in
            JSON.object(
                TopColumn.snapshotColumns.compactMap { column in
                    column.field.map { ($0, Self.value(row, column) ?? .null) }
                })
        }
        return .object([("broker", summary), ("queues", .array(rows))])
    }

    /// The value `column` shows for `row`.
    static func value(_ row: QueueRow, _ column: TopColumn) -> JSON? {
        switch column {
        case .name: .string(row.name)
        case .vhost: .string(row.vhost)
        case .ready: .int(row.ready)
        case .unacked: .int(row.unacked)
        case .consumers: .int(row.consumers)
        case .publish: .double(row.publishRate)
        case .deliver: .double(row.deliverRate)
        case .depth: .int(row.messages)
        }
    }
}
