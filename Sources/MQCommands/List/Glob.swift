/// A shell-style wildcard pattern matched against a whole name: `*` is any run of characters,
/// `?` one character, `[abc]` or `[a-z]` one of a set (`[!...]` or `[^...]` one not in it), and
/// `\` makes the next character literal.
struct Glob: Hashable {
    private enum Token: Hashable {
        case literal(Character)
        case any
        case anyRun
        case set([ClosedRange<Character>], negated: Bool)
    }

    private let tokens: [Token]

    init(_ pattern: String) {
        var tokens: [Token] = []
        var characters = Array(pattern)[...]
        while let character = characters.popFirst() {
            switch character {
            case "*": if tokens.last != .anyRun { tokens.append(.anyRun) }
            case "?": tokens.append(.any)
            case "\\": tokens.append(.literal(characters.popFirst() ?? "\\"))
            case "[":
                if let (set, rest) = Self.set(characters) {
                    tokens.append(set)
                    characters = rest
                } else {
                    tokens.append(.literal("["))
                }
            default: tokens.append(.literal(character))
            }
        }
        self.tokens = tokens
    }

    /// Reads a bracket expression after its `[`: the set and what follows it, or nil when the
    /// bracket is not closed (then it is a literal `[`).
    private static func set(_ text: ArraySlice<Character>) -> (Token, ArraySlice<Character>)? {
        var rest = text
        let negated = rest.first == "!" || rest.first == "^"
        if negated { rest = rest.dropFirst() }
        var ranges: [ClosedRange<Character>] = []
        var first = true
        while let character = rest.popFirst() {
            if character == "]", !first { return (.set(ranges, negated: negated), rest) }
            first = false
            if rest.count >= 2, rest.first == "-", let upper = rest.dropFirst().first, upper != "]" {
                rest = rest.dropFirst(2)
                if character <= upper { ranges.append(character...upper) }
            } else {
                ranges.append(character...character)
            }
        }
        return nil
    }

    /// True when the whole of `name` matches.
    func matches(_ name: String) -> Bool {
        let text = Array(name)
        // Iterative matching with one backtrack point for the latest `*`: linear in practice.
        var t = 0
        var n = 0
        var star: (token: Int, name: Int)?
        while n < text.count {
            if t < tokens.count, tokens[t] == .anyRun {
                star = (t, n)
                t += 1
            } else if t < tokens.count, Self.accepts(tokens[t], text[n]) {
                t += 1
                n += 1
            } else if let last = star {
                t = last.token + 1
                n = last.name + 1
                star = (last.token, last.name + 1)
            } else {
                return false
            }
        }
        while t < tokens.count, tokens[t] == .anyRun { t += 1 }
        return t == tokens.count
    }

    private static func accepts(_ token: Token, _ character: Character) -> Bool {
        switch token {
        case .literal(let literal): literal == character
        case .any: true
        case .anyRun: false
        case .set(let ranges, let negated): ranges.contains { $0.contains(character) } != negated
        }
    }
}
