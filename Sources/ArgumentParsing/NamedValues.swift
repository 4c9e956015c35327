/// Values by the name of the option or argument that took them, in the order they came: the few
/// a command line holds, kept in a list (a dictionary's generic storage would cost more to set
/// up at start-up than the lookups it saves).
struct NamedValues: Sendable {
    private struct Entry: Sendable {
        let name: String
        var values: [String]
    }

    private var entries: [Entry] = []

    /// The values taken under `name`, if any.
    subscript(name: String) -> [String]? {
        get { entries.first { $0.name == name }?.values }
        set {
            let index = entries.firstIndex { $0.name == name }
            switch (index, newValue) {
            case (let index?, let values?): entries[index].values = values
            case (let index?, nil): entries.remove(at: index)
            case (nil, let values?): entries.append(Entry(name: name, values: values))
            case (nil, nil): break
            }
        }
    }

    /// Adds `value` to those taken under `name`.
    mutating func append(_ value: String, to name: String) {
        if let index = entries.firstIndex(where: { $0.name == name }) {
            entries[index].values.append(value)
        } else {
            entries.append(Entry(name: name, values: [value]))
        }
    }
}
