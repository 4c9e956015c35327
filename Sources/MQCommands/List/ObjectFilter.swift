import JSON

/// Which objects `mq list` keeps: those named by NAME arguments and matching `--match`.
struct ObjectFilter {
    /// A pattern for names.
    enum Pattern {
        /// A shell wildcard matched against the whole name.
        case glob(Glob)
        /// A regular expression found anywhere in the name.
        case regex(Regex<AnyRegexOutput>)
    }

    /// Exact names; empty keeps every name.
    var names: [String]
    var pattern: Pattern?

    /// The filter for NAME arguments and `--match` (a regular expression with `regex`); a usage
    /// failure when the expression does not compile.
    init(names: [String], match: String?, regex: Bool) throws(Failure) {
        self.names = names
        guard let match else { return }
        guard regex else {
            pattern = .glob(Glob(match))
            return
        }
        do {
            pattern = .regex(try Regex(match))
        } catch {
            throw Failure(
                .usage(.badValue(option: "match", value: match, problem: "is not a regular expression: \(error)")))
        }
    }

    /// True when one of `fields` of `object` passes.
    func keeps(_ object: JSON, fields: [[String]]) -> Bool {
        fields.contains { path in
            guard case .string(let name)? = object.value(at: path) else { return false }
            return keeps(name)
        }
    }

    /// The names no object in `objects` has in any of `fields`.
    func missingNames(in objects: [JSON], fields: [[String]]) -> [String] {
        names.filter { name in !objects.contains { object in fields.contains { object.value(at: $0) == .string(name) } }
        }
    }

    /// True when `name` is one of the names (if any were given) and matches the pattern.
    func keeps(_ name: String) -> Bool {
        guard names.isEmpty || names.contains(name) else { return false }
        switch pattern {
        case nil: return true
        case .glob(let glob)?: return glob.matches(name)
        case .regex(let regex)?: return name.contains(regex)
        }
    }
}
