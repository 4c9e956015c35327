/// A topic exchange's binding key: words separated by dots, where `*` stands for exactly one
/// word and `#` for zero or more (so `a.#` matches `a`, and `#` matches every key, even "").
/// An empty key is no words at all (so `*` does not match it, as the broker found in the oracle
/// test), while `a..b` is three words, the middle one empty.
struct TopicPattern {
    private let words: [Substring]

    init(_ bindingKey: String) { words = Self.words(bindingKey) }

    private static func words(_ text: String) -> [Substring] {
        text.isEmpty ? [] : text.split(separator: ".", omittingEmptySubsequences: false)
    }

    /// True when `routingKey` matches the pattern.
    func matches(_ routingKey: String) -> Bool {
        let key = Self.words(routingKey)
        // reachable[j]: the pattern's first i words can match the key's first j words.
        var reachable = [Bool](repeating: false, count: key.count + 1)
        reachable[0] = true
        for word in words {
            var next = [Bool](repeating: false, count: key.count + 1)
            for j in 0...key.count where reachable[j] {
                if word == "#" {
                    for k in j...key.count { next[k] = true }
                } else if j < key.count, word == "*" || word == key[j] {
                    next[j + 1] = true
                }
            }
            reachable = next
        }
        return reachable[key.count]
    }
}
