/// Which columns of `mq top` fit a screen, and how wide each is.
///
/// The rule: every column starts at its narrowest; while they (with one space between each) are
/// wider than the screen, the column of lowest priority goes. What is left over goes to the name
/// (up to the longest name), then to the sparkline (up to its history), then to the vhost, and
/// whatever remains to the name again, so the table always spans the whole width.
struct TopLayout: Hashable {
    /// A column shown and its width.
    struct Slot: Hashable {
        var column: TopColumn
        var width: Int
    }

    /// The columns shown, in the order they appear.
    var columns: [Slot]

    /// The layout for a screen `width` wide whose longest queue name is `longestName` characters.
    init(width: Int, longestName: Int = 0) {
        var shown = TopColumn.allCases
        func total(_ columns: [TopColumn]) -> Int { columns.reduce(0) { $0 + $1.width } + max(0, columns.count - 1) }
        while shown.count > 1, total(shown) > width, let weakest = shown.min(by: { $0.priority < $1.priority }) {
            shown.removeAll { $0 == weakest }
        }
        var widths = Dictionary(uniqueKeysWithValues: shown.map { ($0, $0.width) })
        var spare = max(0, width - total(shown))
        for (column, limit) in [
            (TopColumn.name, max(longestName, TopColumn.name.width)), (.depth, TopColumn.depth.widest ?? 0),
            (.vhost, TopColumn.vhost.widest ?? 0),
        ] {
            guard let current = widths[column], spare > 0 else { continue }
            let grown = min(spare, max(0, limit - current))
            widths[column] = current + grown
            spare -= grown
        }
        if spare > 0, let name = widths[.name] { widths[.name] = name + spare }
        let used = widths.values.reduce(0, +) + max(0, shown.count - 1)
        if used > width, let name = widths[.name] { widths[.name] = max(1, name - (used - width)) }
        columns = shown.map { Slot(column: $0, width: widths[$0] ?? $0.width) }
    }

    /// The columns shown, in order.
    var shown: [TopColumn] { columns.map(\.column) }

    /// The width of `column`, nil when it is not shown.
    func width(of column: TopColumn) -> Int? { columns.first { $0.column == column }?.width }
}
