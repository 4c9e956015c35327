/// A headers exchange's binding rule: its `x-match` (all or any; with `-with-x`, arguments named
/// `x-...` count too) over the binding's arguments, each compared with the message's header of
/// that name by value (a number equals the same number, whatever its width).
struct HeadersMatch {
    /// One value to compare: what a header or binding argument holds.
    enum Value: Hashable {
        case text(String)
        case number(Double)
        case boolean(Bool)
        /// Any other value, compared by its JSON.
        case other(String)
    }

    /// The values of `x-match`.
    enum Mode: String, CaseIterable {
        case all, any
        case allWithX = "all-with-x"
        case anyWithX = "any-with-x"
    }

    let requiresAll: Bool
    let arguments: [(name: String, value: Value)]

    init(bindingArguments: [(name: String, value: Value)]) {
        let mode = bindingArguments.first { $0.name == "x-match" }.flatMap { argument -> Mode? in
            if case .text(let text) = argument.value { Mode(rawValue: text) } else { nil }
        }
        requiresAll = mode != .any && mode != .anyWithX
        let withX = mode == .allWithX || mode == .anyWithX
        arguments = bindingArguments.filter { $0.name != "x-match" && (withX || !$0.name.hasPrefix("x-")) }
    }

    /// True when `headers` satisfy the rule (all arguments present and equal, or any one).
    func matches(_ headers: [String: Value]) -> Bool {
        let matched = arguments.filter { headers[$0.name] == $0.value }.count
        return requiresAll ? matched == arguments.count : matched > 0
    }
}
