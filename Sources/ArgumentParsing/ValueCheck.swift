extension ValueKind {
    /// Why `text` is not a valid value of this kind, or nil when it is.
    public func problem(with text: String) -> String? {
        switch self {
        case .text, .path, .suggestions, .completedBy: return nil
        case .integer(let range):
            guard let number = Int64(text) else { return "'\(text)' is not a whole number" }
            return range.contains(number) ? nil : "\(number) is out of range (\(range.lowerBound) to \(range.upperBound))"
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
