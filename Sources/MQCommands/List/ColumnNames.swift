import ArgumentParsing

/// What `--columns` says: `all`, or names separated by commas (`name,messages`), each a title or
/// a dotted path, none empty.
enum ColumnNames: TextDecodable, Hashable {
    case all
    case names([String])

    static var suggestions: [String] { ["all"] }

    init(text: String) throws(ValueProblem) {
        if text == "all" {
            self = .all
            return
        }
        let words = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        for word in words
        where word.isEmpty || word.split(separator: ".", omittingEmptySubsequences: false).contains("") {
            throw ValueProblem("'\(text)' has an empty column name")
        }
        self = .names(words)
    }
}
