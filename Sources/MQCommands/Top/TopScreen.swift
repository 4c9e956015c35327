import TerminalUI

/// One frame of `mq top` for a screen of a given size: the broker's header, the queue table, and
/// a line of keys (the filter while one is typed; the API's outage first while refreshes fail),
/// exactly `height` lines of exactly `width` characters.
struct TopScreen {
    var width: Int
    var height: Int
    var color: Bool

    /// What a frame shows.
    struct Content {
        var snapshot: TopSnapshot
        /// The queues to show, filtered and sorted.
        var queues: [QueueRow]
        var history: DepthHistory
        var controls: TopControls
        /// Seconds between refreshes.
        var interval: Double
        /// The time of the snapshot, as the header shows it.
        var clock: String
        /// Why refreshes fail while mq top retries them (the snapshot is the last one read); nil
        /// while they succeed.
        var unreachable: String?
    }

    /// The layout the queue table uses for `content`.
    func layout(_ content: Content) -> TopLayout {
        TopLayout(width: width, longestName: content.queues.map(\.name.count).max() ?? 0)
    }

    /// The frame as lines.
    func lines(_ content: Content) -> [ScreenLine] {
        let layout = layout(content)
        var lines = header(content)
        lines.append(tableHeader(layout, controls: content.controls))
        let room = max(0, height - lines.count - 1)
        let shown = content.queues.prefix(room)
        lines += shown.map { row(layout, $0, history: content.history) }
        while lines.count < height - 1 { lines.append(ScreenLine()) }
        lines = Array(lines.prefix(max(0, height - 1)))
        if height > 0 { lines.append(footer(content, hidden: content.queues.count - shown.count)) }
        return lines
    }

    /// The frame as the terminal is sent it: cursor home, then every line (none ends in a
    /// newline that could scroll the screen).
    func frame(_ content: Content) -> String {
        "\u{1B}[H" + lines(content).map { $0.rendered(width: width, color: color) }.joined(separator: "\r\n")
    }

    private func header(_ content: Content) -> [ScreenLine] {
        let broker = content.snapshot.broker
        var title = ScreenLine("mq top", .bold)
        title.append(" · RabbitMQ \(broker.version.isEmpty ? "?" : broker.version)")
        if !broker.cluster.isEmpty { title.append(" · \(broker.cluster)") }
        let right = " \(content.clock) every \(Self.seconds(content.interval))"
        let used = title.plainText.count
        if used + right.count <= width {
            title.append(String(repeating: " ", count: width - used - right.count) + right)
        }

        let all = content.snapshot.queues
        var totals = ScreenLine("connections \(broker.connections)  channels \(broker.channels)  queues \(all.count)")
        if content.queues.count != all.count { totals.append(" (\(content.queues.count) shown)") }
        totals.append("  ready \(all.reduce(0) { $0 + $1.ready })  unacked \(all.reduce(0) { $0 + $1.unacked })")

        var lines = [title, totals]
        for node in broker.nodes.prefix(3) {
            // The alarms come first after the name, so that a narrow screen never cuts them off.
            var line = ScreenLine(node.name + "  ")
            if node.memoryAlarm { line.append("MEMORY ALARM  ", .alarm) }
            if node.diskAlarm { line.append("DISK ALARM  ", .alarm) }
            if !node.memoryAlarm && !node.diskAlarm { line.append("no alarms  ", .faint) }
            line.append("mem \(TopFormat.bytes(node.memoryUsed))/\(TopFormat.bytes(node.memoryLimit))")
            line.append("  disk free \(TopFormat.bytes(node.diskFree)) (min \(TopFormat.bytes(node.diskFreeLimit)))")
            lines.append(line)
        }
        if broker.nodes.count > 3 { lines.append(ScreenLine("and \(broker.nodes.count - 3) more nodes", .faint)) }
        return lines
    }

    private func tableHeader(_ layout: TopLayout, controls: TopControls) -> ScreenLine {
        let cells = layout.columns.map { slot in
            let title =
                slot.column == controls.sort ? slot.column.title + (controls.reverse ? "▼" : "▲") : slot.column.title
            return ScreenLine.fit(title, slot.width, right: slot.column.isNumeric)
        }
        return ScreenLine(ScreenLine.fit(cells.joined(separator: " "), width), .inverse)
    }

    private func row(_ layout: TopLayout, _ queue: QueueRow, history: DepthHistory) -> ScreenLine {
        let cells = layout.columns.map { slot -> String in
            let width = slot.width
            switch slot.column {
            case .name: return ScreenLine.fit(queue.name, width)
            case .vhost: return ScreenLine.fit(queue.vhost, width)
            case .ready: return ScreenLine.fit(TopFormat.count(queue.ready, width: width), width, right: true)
            case .unacked: return ScreenLine.fit(TopFormat.count(queue.unacked, width: width), width, right: true)
            case .consumers: return ScreenLine.fit(TopFormat.count(queue.consumers, width: width), width, right: true)
            case .publish: return ScreenLine.fit(TopFormat.rate(queue.publishRate, width: width), width, right: true)
            case .deliver: return ScreenLine.fit(TopFormat.rate(queue.deliverRate, width: width), width, right: true)
            case .depth: return history.sparkline(of: queue.key, width: width)
            }
        }
        return ScreenLine(cells.joined(separator: " "))
    }

    private func footer(_ content: Content, hidden: Int) -> ScreenLine {
        if let text = content.controls.editing {
            var line = ScreenLine("filter (glob, Enter applies, Esc cancels): ", .bold)
            line.append(text + "▏")
            return line
        }
        var line = ScreenLine()
        if let reason = content.unreachable {
            line.append(retrying(reason), .alarm)
            line.append("  ")
        }
        line.append("q quit  / filter  < > sort  r reverse", .faint)
        if let filter = content.controls.filter { line.append("  filter '\(filter)'", .bold) }
        if hidden > 0 { line.append("  \(hidden) more below") }
        return line
    }

    /// The outage status, its reason cut short so that the whole status fits the width (the
    /// keys after it give way first): `API unreachable (cannot connect to h:15672: Connection
    /// refused), retrying`.
    private func retrying(_ reason: String) -> String {
        let room = width - "API unreachable (), retrying".count
        guard room >= 10 else { return "API unreachable, retrying" }
        return "API unreachable (\(ScreenLine.cut(reason, to: room))), retrying"
    }

    /// An interval as the header shows it: `2s`, `500ms`, `1.5s`.
    static func seconds(_ interval: Double) -> String {
        if interval < 1 { return "\(Int((interval * 1000).rounded()))ms" }
        if interval == interval.rounded() { return "\(Int(interval))s" }
        return TopFormat.oneDecimal(interval) + "s"
    }
}
