/// Whether an option's value is a secret, holds one, or neither: what a listing of settings
/// must hide.
public enum Secrecy: Hashable, Sendable {
    /// Nothing secret.
    case none
    /// The whole value is secret (a password).
    case whole
    /// The value is one URL or a comma-separated list of them, whose user information may hold a
    /// password (`scheme://user:password@host/...`).
    case urlPassword

    /// `value` with its secret replaced by `***`.
    public func masked(_ value: String) -> String {
        switch self {
        case .none: value
        case .whole: "***"
        case .urlPassword:
            value.split(separator: ",", omittingEmptySubsequences: false).map(Self.maskPassword).joined(separator: ",")
        }
    }

    /// One URL with the password in its user information replaced by `***`: everything between
    /// the first `:` after the scheme and the last `@`. A malformed URL (a `/` or `?` left
    /// unencoded in the password) is masked too; a path holding `@` is masked more than needed.
    private static func maskPassword(in url: Substring) -> String {
        let afterScheme = url.firstRange(of: "://")?.upperBound ?? url.startIndex
        guard let at = url[afterScheme...].lastIndex(of: "@"),
            let colon = url[afterScheme..<at].firstIndex(of: ":")
        else { return String(url) }
        return String(url[..<url.index(after: colon)]) + "***" + String(url[at...])
    }
}
