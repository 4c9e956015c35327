/// A command line that does not fit the command specs: what is wrong, and where in argv.
public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong, with the words involved. Options are named as written (`--format`, `-n`).
    public enum Problem: Hashable, Sendable {
        /// A word that names no command of the group (`group` is empty at the top level).
        case unknownCommand(String, group: [String], expected: [String], suggestion: String?)
        /// A group given without one of its commands.
        case missingCommand(group: [String], expected: [String])
        case unknownOption(String, suggestion: String?)
        /// A value given to a flag (`--confirm=yes`).
        case unexpectedValue(option: String)
        case missingValue(option: String, valueName: String)
        case badValue(option: String, problem: String)
        /// An environment variable that supplies an option holds a bad value.
        case badEnvironmentValue(variable: String, option: String, problem: String)
        /// An option that holds one value, given again with another.
        case givenTwice(option: String)
        case missingArgument(String)
        case badArgument(String, problem: String)
        case unexpectedArgument(String)
    }

    public let problem: Problem
    /// The index in argv of the word at fault; nil when the fault is in something absent (a
    /// missing argument or command) or in the environment.
    public let position: Int?
    /// The command words parsed before the error, for choosing the usage line to show.
    public let commandPath: [String]

    public init(_ problem: Problem, at position: Int?, commandPath: [String]) {
        self.problem = problem
        self.position = position
        self.commandPath = commandPath
    }

    /// The one line that says what is wrong.
    public var message: String {
        switch problem {
        case .unknownCommand(let word, let group, let expected, let suggestion):
            let what = group.isEmpty ? "command" : "\(group.joined(separator: " ")) kind"
            return
                "unknown \(what) '\(word)'\(Self.hint(suggestion)); expected one of: \(expected.joined(separator: ", "))"
        case .missingCommand(let group, let expected):
            return "'\(group.joined(separator: " "))' needs one of: \(expected.joined(separator: ", "))"
        case .unknownOption(let option, let suggestion): return "unknown option '\(option)'\(Self.hint(suggestion))"
        case .unexpectedValue(let option): return "option '\(option)' takes no value"
        case .missingValue(let option, let valueName): return "option '\(option)' needs a value (\(valueName))"
        case .badValue(let option, let problem): return "bad value for '\(option)': \(problem)"
        case .badEnvironmentValue(let variable, let option, let problem):
            return "bad value in \(variable) for '\(option)': \(problem)"
        case .givenTwice(let option): return "option '\(option)' given twice; it holds one value"
        case .missingArgument(let name): return "missing argument \(name)"
        case .badArgument(let name, let problem): return "bad value for \(name): \(problem)"
        case .unexpectedArgument(let word): return "unexpected argument '\(word)'"
        }
    }

    public var description: String { message }

    private static func hint(_ suggestion: String?) -> String { suggestion.map { " (did you mean '\($0)'?)" } ?? "" }
}
