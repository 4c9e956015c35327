extension ValueKind {
    /// Why `text` is not a valid value of this kind, or nil when it is.
    public func problem(with text: String) -> String? {
        switch self {
        case .text, .path, .suggestions, .completedBy: return nil
        case .integer(let range):
            let number = Int64(text)
            if let number, range.contains(number) { return nil }
            // A whole number past 64 bits (2^63) is out of range too, not "not a whole number".
            let digits = text.first == "-" || text.first == "+" ? text.dropFirst() : Substring(text)
            guard number != nil || (!digits.isEmpty && digits.allSatisfy({ ("0"..."9").contains($0) })) else {
                return "'\(text)' is not a whole number"
            }
            return "\(number.map(String.init) ?? text) is out of range (\(range.lowerBound) to \(range.upperBound))"
        case .duration:
            return DurationText.problem(with: text)
        case .choice(let choices):
            guard !choices.contains(text) else { return nil }
            let hint = Suggestions.closest(to: text, among: choices).map { " (did you mean '\($0)'?)" } ?? ""
            return "'\(text)' is not one of \(choices.joined(separator: ", "))\(hint)"
        case .decoded(let decoding): return decoding.check(text)?.description
        }
    }
}
