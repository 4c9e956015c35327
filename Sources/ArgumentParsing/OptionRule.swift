/// A rule between a command's options and arguments, declared with the command and checked in
/// one place before the command runs (after a configuration file has had its say).
public struct OptionRule: Sendable {
    /// An option or a positional argument as a rule names it, or an option holding one value
    /// (`--type quorum`).
    public struct Subject: Sendable {
        let name: String
        let isArgument: Bool
        /// The value the option must hold to count as on; nil when any value (or a true flag) does.
        let value: String?
        /// True when a configuration file's value does not count as given (it is a default the
        /// command line may override through another option).
        var ignoresConfiguration = false

        public init(_ option: some OptionDeclaration) {
            name = option.spec.name
            isArgument = false
            value = nil
        }

        /// The option when given on the command line or by its variable, not by a configuration
        /// file: `format = json` in a file gives way to `--template`, which does not contradict it.
        public static func ignoringConfiguration(_ option: some OptionDeclaration) -> Subject {
            var subject = Subject(option)
            subject.ignoresConfiguration = true
            return subject
        }

        /// The option holding `value`.
        public init(_ option: some OptionDeclaration, is value: String) {
            name = option.spec.name
            isArgument = false
            self.value = value
        }

        public init(_ argument: some ArgumentDeclaration) {
            name = argument.spec.name
            isArgument = true
            value = nil
        }

        /// How help and messages write it: `--name`, `--name value`, or `NAME` for an argument.
        var written: String { isArgument ? name : "--" + name + (value.map { " " + $0 } ?? "") }
    }

    enum Kind: Sendable {
        /// At most one of these may be on.
        case exclusive([Subject])
        /// The first, when on, needs the second on.
        case needs(Subject, Subject)
        /// At least one of these must be on.
        case oneOf([Subject])
    }

    let kind: Kind
    /// What to say when the rule is broken, instead of the generic sentence.
    let message: String?

    /// `first` and `second` may not both be on (given, or a flag that is true).
    public static func exclusive(
        _ first: some OptionDeclaration, _ second: some OptionDeclaration, message: String? = nil
    ) -> OptionRule {
        OptionRule(kind: .exclusive([Subject(first), Subject(second)]), message: message)
    }

    /// At most one of `subjects` may be on.
    public static func exclusive(_ subjects: [Subject], message: String? = nil) -> OptionRule {
        OptionRule(kind: .exclusive(subjects), message: message)
    }

    /// `option`, when given on the command line (or by its variable or file) and on, needs
    /// `needed` on too.
    public static func needs(_ option: some OptionDeclaration, _ needed: some OptionDeclaration, message: String? = nil)
        -> OptionRule
    {
        OptionRule(kind: .needs(Subject(option), Subject(needed)), message: message)
    }

    /// `subject`, when given and on, needs `needed` on too (e.g. `--delivery-limit` needs
    /// `--type quorum`).
    public static func needs(_ subject: Subject, _ needed: Subject, message: String? = nil) -> OptionRule {
        OptionRule(kind: .needs(subject, needed), message: message)
    }

    /// `option` must have a value.
    public static func required(_ option: some OptionDeclaration, message: String? = nil) -> OptionRule {
        OptionRule(kind: .oneOf([Subject(option)]), message: message)
    }

    /// At least one of `subjects` must be on (e.g. a QUEUE argument or an --exchange option).
    public static func oneOf(_ subjects: [Subject], message: String? = nil) -> OptionRule {
        OptionRule(kind: .oneOf(subjects), message: message)
    }
}

extension ParsedCommand {
    /// What the first broken rule of `rules` says, or nil when every rule holds.
    public func brokenRule(among rules: [OptionRule]) -> String? {
        for rule in rules {
            switch rule.kind {
            case .exclusive(let subjects):
                let on = subjects.filter { isGiven($0) && isOn($0) }
                if on.count > 1 {
                    return rule.message ?? on.map(\.written).joined(separator: " and ") + " contradict each other"
                }
            case .needs(let subject, let needed):
                if isGiven(subject), isOn(subject), !isOn(needed) {
                    return rule.message ?? "\(subject.written) needs \(needed.written)"
                }
            case .oneOf(let subjects):
                if !subjects.contains(where: isOn) {
                    return rule.message ?? subjects.map(\.written).joined(separator: " or ") + " is required"
                }
            }
        }
        return nil
    }

    /// True when `subject` was given: on the command line (or, for an option, by its variable
    /// or a file), not by a default.
    private func isGiven(_ subject: OptionRule.Subject) -> Bool {
        if subject.isArgument { return positionals[subject.name] != nil }
        switch source(subject.name) {
        case .commandLine, .environment: return true
        case .configuration: return !subject.ignoresConfiguration
        case .defaultValue: return false
        }
    }

    /// True when `subject` is on: an argument given, a flag that is true, or an option with a
    /// value (from the command line, the environment, a file, or its default).
    private func isOn(_ subject: OptionRule.Subject) -> Bool {
        if subject.isArgument { return positionals[subject.name] != nil }
        guard let value = value(subject.name) else { return false }
        if let wanted = subject.value { return value == wanted }
        return options.first(where: { $0.name == subject.name })?.value != nil || value == "true"
    }
}
