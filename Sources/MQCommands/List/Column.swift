import JSON

/// One column of `mq list`: its title and the path of the field it shows.
struct Column: Hashable {
    /// The header and the JSON key, e.g. `ready`.
    var title: String
    /// The field, e.g. `["messages_ready"]` or `["message_stats", "publish_details", "rate"]`.
    var path: [String]

    init(_ title: String, _ path: [String]) {
        self.title = title
        self.path = path
    }

    /// A column that shows the field its title names, e.g. `name`.
    init(_ title: String) { self.init(title, [title]) }

    /// The column that `word` names: a default column by its title, else the dotted path
    /// `word` titled as written.
    static func named(_ word: String, among defaults: [Column]) -> Column {
        defaults.first { $0.title == word }
            ?? Column(word, word.split(separator: ".", omittingEmptySubsequences: false).map(String.init))
    }
}

/// The columns `--columns` asks for.
enum ColumnSelection: Hashable {
    /// These columns, in this order.
    case columns([Column])
    /// Every field of the objects (`--columns all`).
    case all

    /// The columns `names` asks for; nil means the defaults.
    init(_ names: ColumnNames?, defaults: [Column]) {
        switch names {
        case nil: self = .columns(defaults)
        case .all?: self = .all
        case .names(let words)?: self = .columns(words.map { Column.named($0, among: defaults) })
        }
    }

    /// The columns for `objects`: those chosen, or for `all` every leaf path any object has, in
    /// the order first seen.
    func columns(for objects: [JSON]) -> [Column] {
        switch self {
        case .columns(let columns): return columns
        case .all:
            var seen: Set<[String]> = []
            var result: [Column] = []
            for path in objects.flatMap(\.leafPaths) where !path.isEmpty && seen.insert(path).inserted {
                result.append(Column(path.joined(separator: "."), path))
            }
            return result
        }
    }
}
