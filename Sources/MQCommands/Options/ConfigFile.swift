/// mq's configuration file: INI-like sections, one per broker profile, of `key = value` lines.
///
///     # ~/.config/mq/config
///     [default]
///     url = amqp://localhost
///
///     [prod]
///     url = amqps://mq.example.com/orders
///     user = deploy
///     password_file = ~/.secrets/mq
struct ConfigFile {
    /// One `key = value` line.
    struct Entry {
        let key: String
        let value: String
        let line: Int
    }

    let path: String
    /// The profiles by name, each with its entries in file order.
    let profiles: [String: [Entry]]

    /// The keys a profile may hold, and the option each one sets: every option of the command
    /// tree declared `configurable()`.
    static let keys: [String: String] = Dictionary(
        CommandTree.root.allOptions.compactMap { spec in spec.configurationKey.map { ($0, spec.name) } },
        uniquingKeysWith: { first, _ in first })

    /// Parses `text` read from `path`; the error names the file, the line and what is wrong.
    static func parse(_ text: String, path: String) throws(Failure) -> ConfigFile {
        var profiles: [String: [Entry]] = [:]
        var current: String?
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            let line = rawLine.trimmingWhitespace()
            func fail(_ problem: String) -> Failure {
                Failure(.configuration(.badConfigurationLine(path: path, line: number, problem: problem)))
            }
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]"), line.count > 2 else { throw fail("a section header looks like [name]") }
                let name = String(line.dropFirst().dropLast()).trimmingWhitespace()
                guard profiles[name] == nil else { throw fail("profile [\(name)] appears twice") }
                profiles[name] = []
                current = name
                continue
            }
            guard let profile = current else { throw fail("a setting before any [profile] header") }
            guard let equals = line.firstIndex(of: "=") else { throw fail("expected key = value") }
            let key = String(line[..<equals]).trimmingWhitespace()
            var value = String(line[line.index(after: equals)...]).trimmingWhitespace()
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                value = String(value.dropFirst().dropLast())
            }
            guard keys[key] != nil else {
                throw fail("unknown key '\(key)' (known: \(keys.keys.sorted().joined(separator: ", ")))")
            }
            guard profiles[profile]?.contains(where: { $0.key == key }) != true else {
                throw fail("'\(key)' is set twice in [\(profile)]")
            }
            profiles[profile, default: []].append(Entry(key: key, value: value, line: number))
        }
        return ConfigFile(path: path, profiles: profiles)
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs (and a trailing carriage return).
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
