/// Options that several commands declare together, with the rules between them (what
/// swift-argument-parser's `@OptionGroup` is): one value that each command includes, so the set
/// and its rules are written once and every command that reads them declares them.
public struct OptionGroup: Sendable {
    /// The group's options, in help order.
    public let options: [OptionSpec]
    /// Rules between the group's options, checked for every command that includes it.
    public let rules: [OptionRule]

    /// A group of `options` (and other groups' options, through `including`) with `rules`.
    public init(_ options: [any OptionDeclaration], including groups: [OptionGroup] = [], rules: [OptionRule] = []) {
        self.options = groups.flatMap { $0.options } + options.map { $0.spec }
        self.rules = groups.flatMap { $0.rules } + rules
    }
}
