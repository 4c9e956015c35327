#if canImport(Glibc)
    import Glibc
#endif

/// The environment variables a command line is read with: the process's own, each looked up
/// when asked for (nothing is copied at start-up), or a fixed set (for tests and child processes).
public struct Environment: Sendable, ExpressibleByDictionaryLiteral {
    /// The fixed set, or nil for the process's environment.
    private let fixed: [String: String]?

    /// The process's environment. mq never changes it, so reading it from any thread is safe.
    public static let process = Environment(fixed: nil)

    private init(fixed: [String: String]?) { self.fixed = fixed }

    /// Exactly `variables`.
    public init(_ variables: [String: String]) { fixed = variables }

    public init(dictionaryLiteral elements: (String, String)...) {
        fixed = Dictionary(elements, uniquingKeysWith: { _, last in last })
    }

    /// The value of variable `name`, if it is set.
    public subscript(name: String) -> String? {
        if let fixed { return fixed[name] }
        return getenv(name).map { String(cString: $0) }
    }

    /// Every variable and its value.
    public var variables: [String: String] {
        if let fixed { return fixed }
        var result: [String: String] = [:]
        var entry = environ
        while let pointer = entry.pointee {
            let pair = String(cString: pointer)
            if let equals = pair.firstIndex(of: "=") {
                result[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
            }
            entry += 1
        }
        return result
    }
}
