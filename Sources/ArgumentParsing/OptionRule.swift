/// A rule between a command's options, declared with the command and checked in one place
/// before the command runs (after a configuration file has had its say).
public struct OptionRule: Sendable {
    enum Kind: Sendable {
        /// These may not all be on at once.
        case exclusive([String])
        /// The first, when given on, needs the second on.
        case needs(String, String)
        /// This must have a value.
        case required(String)
    }

    let kind: Kind
    /// What to say when the rule is broken, instead of the generic sentence.
    let message: String?

    /// `first` and `second` may not both be on (given, or a flag that is true).
    public static func exclusive(_ first: some OptionDeclaration, _ second: some OptionDeclaration, message: String? = nil) -> OptionRule {
        OptionRule(kind: .exclusive([first.spec.name, second.spec.name]), message: message)
    }

    /// `option`, when given on the command line (or by its variable or file) and on, needs
    /// `needed` on too.
    public static func needs(_ option: some OptionDeclaration, _ needed: some OptionDeclaration, message: String? = nil) -> OptionRule {
        OptionRule(kind: .needs(option.spec.name, needed.spec.name), message: message)
    }

    /// `option` must have a value.
    public static func required(_ option: some OptionDeclaration, message: String? = nil) -> OptionRule {
        OptionRule(kind: .required(option.spec.name), message: message)
    }
}

extension ParsedCommand {
    /// What the first broken rule of `rules` says, or nil when every rule holds.
    public func brokenRule(among rules: [OptionRule]) -> String? {
        for rule in rules {
            switch rule.kind {
            case .exclusive(let names):
                let on = names.filter { isSet($0) && isOn($0) }
                if on.count > 1 { return rule.message ?? on.map { "--" + $0 }.joined(separator: " and ") + " contradict each other" }
            case .needs(let option, let needed):
                if isSet(option), isOn(option), !isOn(needed) { return rule.message ?? "--\(option) needs --\(needed)" }
            case .required(let option):
                if value(option) == nil { return rule.message ?? "--\(option) is required" }
            }
        }
        return nil
    }

    /// True when option `name` is on: a flag that is true, or an option with a value.
    private func isOn(_ name: String) -> Bool {
        guard let value = value(name) else { return false }
        return options.first(where: { $0.name == name })?.value != nil || value == "true"
    }
}
