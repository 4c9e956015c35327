/// A topic exchange's binding key as a pattern over a routing key's dot-separated words: `*`
/// stands for exactly one word, `#` for zero or more.
///
/// Words are split as RabbitMQ splits them: the empty key has no words, and every dot separates
/// two words, so `a..b` is three words, the middle one empty (which `*` matches).
public struct TopicPattern: Sendable {
    private enum Word: Equatable {
        case literal(Substring)
        case one
        case any
    }

    private let words: [Word]

    public init(_ bindingKey: String) {
        words = Self.words(of: bindingKey).map { word in
            switch word {
            case "*": .one
            case "#": .any
            default: .literal(word)
            }
        }
    }

    /// The words of a key: none for the empty key.
    public static func words(of key: String) -> [Substring] {
        key.isEmpty ? [] : key.split(separator: ".", omittingEmptySubsequences: false)
    }

    /// True when `routingKey` matches.
    public func matches(_ routingKey: String) -> Bool {
        let key = Self.words(of: routingKey)
        // matched[j]: the pattern's first i words match the key's first j words (row i).
        var matched = [Bool](repeating: false, count: key.count + 1)
        matched[0] = true
        for word in words {
            var next = [Bool](repeating: false, count: key.count + 1)
            for j in 0...key.count {
                switch word {
                case .any:
                    // Zero words (matched[j]) or one more word after a match (next[j - 1]).
                    next[j] = matched[j] || (j > 0 && next[j - 1])
                case .one:
                    next[j] = j > 0 && matched[j - 1]
                case .literal(let literal):
                    next[j] = j > 0 && matched[j - 1] && key[j - 1] == literal
                }
            }
            matched = next
        }
        return matched[key.count]
    }
}
