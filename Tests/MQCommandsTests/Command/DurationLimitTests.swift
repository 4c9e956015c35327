import ArgumentParsing
import Testing

@testable import MQCommands

/// Every duration option of every verb, given values past what a duration may be: a usage error
/// (exit 64) naming the limit, before anything runs, never a trap in the deadline arithmetic.
@Suite("Durations past their limit are usage errors")
struct DurationLimitTests {
    /// Each command that runs, with its path, and each duration option it takes (its own and the
    /// global ones), from the command tree itself.
    static var durationOptions: [(path: [String], arguments: [String], option: String)] {
        var found: [(path: [String], arguments: [String], option: String)] = []
        for (path, command) in CommandTree.root.tree where command.action != nil {
            let arguments = command.arguments.filter { !$0.isOptional }.map { argument in
                if case .choice(let choices) = argument.value, let first = choices.first { first } else { "x" }
            }
            for option in command.options + GlobalOptions.specs where option.value == .duration {
                found.append((path, arguments, option.name))
            }
        }
        return found
    }

    @Test("the tree has duration options to check (consume --timeout, --connect-timeout, --reconnect-for, ...)")
    func found() {
        let options = Set(Self.durationOptions.map(\.option))
        #expect(
            options.isSuperset(of: [
                "timeout", "connect-timeout", "heartbeat", "reconnect-for", "api-timeout", "expiration",
            ]))
    }

    @Test(
        "past the longest duration, or not a duration at all: the parse fails with one line naming the value",
        arguments: ["366d", "99999999999s", "1e308", "-1", "nan", "inf"])
    func rejected(value: String) {
        for (path, arguments, option) in Self.durationOptions {
            do {
                _ = try Parser(root: CommandTree.root, environment: [:]).parse(
                    path + arguments + ["--\(option)", value])
                Issue.record("mq \(path.joined(separator: " ")) --\(option) \(value) was accepted")
            } catch {
                #expect(error.message.contains("'\(value)'"), "\(path) --\(option): \(error.message)")
                #expect(!error.message.contains("\n"), "\(error.message)")
            }
        }
    }

    @Test("the longest duration is accepted everywhere")
    func longest() throws {
        for (path, arguments, option) in Self.durationOptions {
            let parsed = try Parser(root: CommandTree.root, environment: [:]).parse(
                path + arguments + ["--\(option)", DurationText.longestText])
            #expect(parsed.duration(option) == DurationText.longest, "\(path) --\(option)")
        }
    }

    @Test("past the limit the line names the limit")
    func namesTheLimit() {
        #expect(DurationText.problem(with: "366d") == "'366d' is longer than the longest duration, 365d")
        #expect(DurationText.problem(with: "365d") == nil)
        #expect(DurationText.problem(with: "-1s") == "'-1s' is not a duration (e.g. 500ms, 30s, 5m, 2h)")
    }
}
