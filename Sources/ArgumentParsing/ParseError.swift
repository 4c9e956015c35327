/// A command line that does not fit the command specs. `message` names the bad token.
public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
    public let message: String
    /// The command words parsed before the error, for choosing the usage line to show.
    public let commandPath: [String]

    public init(_ message: String, commandPath: [String]) {
        self.message = message
        self.commandPath = commandPath
    }

    public var description: String { message }
}
