/// Rows of cells, printed as an aligned table for people or as tab-separated values for programs.
///
/// Cells are already escaped (`CellText`): none holds a tab or a line break.
struct TextTable: Hashable {
    /// The column titles, or nil for no header row.
    var header: [String]?
    var rows: [[String]]
    /// For each column, whether its cells are aligned to the right (numbers).
    var rightAligned: [Bool]

    /// Columns padded to their widest cell and separated by two spaces; no trailing spaces.
    func aligned() -> String {
        let lines = (header.map { [$0] } ?? []) + rows
        guard let count = lines.first?.count else { return "" }
        var widths = Array(repeating: 0, count: count)
        for line in lines {
            for (index, cell) in line.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        var text = ""
        for line in lines {
            var row = ""
            for (index, cell) in line.enumerated() {
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                if index > 0 { row += "  " }
                row += rightAligned.indices.contains(index) && rightAligned[index] ? padding + cell : cell + padding
            }
            while row.hasSuffix(" ") { row.removeLast() }
            text += row + "\n"
        }
        return text
    }

    /// One line per row, cells separated by tabs, the header first when there is one.
    func tabSeparated() -> String {
        let lines = (header.map { [$0] } ?? []) + rows
        return lines.map { $0.joined(separator: "\t") + "\n" }.joined()
    }
}
