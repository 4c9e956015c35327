import JSON

/// The order `--sort` puts values in: missing and null first, then booleans (false first),
/// numbers by value, strings, and lists and objects by their JSON text.
enum JSONOrder {
    /// `objects` sorted by the value at `path`, keeping the API's order among equals.
    static func sorted(_ objects: [JSON], by path: [String], reverse: Bool) -> [JSON] {
        objects.enumerated().map { (value: $0.element.value(at: path), index: $0.offset, object: $0.element) }
            .sorted { a, b in
                if precedes(a.value, b.value) { return !reverse }
                if precedes(b.value, a.value) { return reverse }
                return a.index < b.index
            }
            .map(\.object)
    }

    /// True when `a` sorts before `b`.
    static func precedes(_ a: JSON?, _ b: JSON?) -> Bool {
        let (rankA, rankB) = (rank(a), rank(b))
        guard rankA == rankB else { return rankA < rankB }
        switch (a, b) {
        case (.bool(let x)?, .bool(let y)?): return !x && y
        case (.int(let x)?, .int(let y)?): return x < y
        case (.string(let x)?, .string(let y)?): return x < y
        case (let x?, let y?) where x.isNumber: return (x.number ?? 0) < (y.number ?? 0)
        case (let x?, let y?) where rankA == 4: return x.serialized() < y.serialized()
        default: return false
        }
    }

    private static func rank(_ value: JSON?) -> Int {
        switch value {
        case nil, .null?: 0
        case .bool?: 1
        case .int?, .uint?, .double?: 2
        case .string?: 3
        case .array?, .object?: 4
        }
    }
}
