import JSON

/// Objects from the management API shown in columns: an aligned table, TSV, or a JSON array.
struct ObjectListing {
    /// How the listing is printed.
    enum Format: String, CaseIterable {
        /// Aligned columns for a terminal.
        case table
        /// Tab-separated values for `cut`, `awk` and `while read`.
        case tsv
        /// One JSON array of objects.
        case json
    }

    var objects: [JSON]
    var columns: [Column]
    /// True for `--columns all`: JSON then shows each object whole rather than by column.
    var whole: Bool

    /// The listing in `format`; `headers` false drops the header row of a table or TSV.
    func rendered(_ format: Format, headers: Bool) -> String {
        switch format {
        case .table: textTable(headers: headers).aligned()
        case .tsv: textTable(headers: headers).tabSeparated()
        case .json: json().serialized() + "\n"
        }
    }

    /// An array with one object per row: each column's title and value (null when missing),
    /// or the whole objects.
    func json() -> JSON {
        if whole { return .array(objects) }
        return .array(objects.map { object in .object(columns.map { ($0.title, object.value(at: $0.path) ?? .null) }) })
    }

    /// The cells, with numeric columns aligned right.
    func textTable(headers: Bool) -> TextTable {
        let values = objects.map { object in columns.map { object.value(at: $0.path) } }
        let numeric = columns.indices.map { index in
            values.contains { $0[index] != nil } && values.allSatisfy { $0[index].map(\.isNumber) ?? true }
        }
        return TextTable(
            header: headers ? columns.map { CellText.escaped($0.title) } : nil,
            rows: values.map { $0.map(CellText.text) }, rightAligned: numeric)
    }
}
