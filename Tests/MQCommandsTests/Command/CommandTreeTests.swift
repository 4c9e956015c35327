import ArgumentParsing
import Synchronization
import Testing

@testable import MQCommands

@Suite("mq's command tree")
struct CommandTreeTests {
    /// Every command under the root, with the words that lead to it.
    static let commands = CommandTree.root.tree

    @Test("every command is listed under the name its spec carries (the parser picks it by the listed one)")
    func listedNames() {
        for (path, spec) in Self.commands where !path.isEmpty {
            #expect(spec.name == path.last, "mq \(path.joined(separator: " ")) builds a spec named '\(spec.name)'")
        }
    }

    /// The names of the verbs whose specs were asked for.
    final class BuiltVerbs: Sendable {
        private let names = Mutex<[String]>([])
        var all: [String] { names.withLock { $0 } }
        func record(_ name: String) { names.withLock { $0.append(name) } }
    }

    /// mq's tree, each verb recording in `built` when its spec is asked for.
    static func counting(into built: BuiltVerbs) -> Command {
        var root = CommandTree.root
        root.subcommands = root.subcommands.map { entry in
            Subcommand(entry.name) {
                built.record(entry.name)
                return entry.spec
            }
        }
        return root
    }

    @Test("parsing a verb's command line builds that verb's spec and no other (a counter, not a timer)")
    func onlyTheVerbParsed() throws {
        for verb in CommandTree.root.subcommands {
            let built = BuiltVerbs()
            _ = try Parser(root: Self.counting(into: built), environment: [:]).parse([verb.name, "--help"])
            #expect(built.all == [verb.name], "mq \(verb.name)")
        }
        let built = BuiltVerbs()
        _ = try Parser(root: Self.counting(into: built), environment: [:]).parse(["--version"])
        #expect(built.all.isEmpty, "mq --version built \(built.all)")
    }

    @Test("every command has a summary")
    func summaries() {
        #expect(Self.commands.count > 10)
        for (path, spec) in Self.commands {
            #expect(!spec.summary.isEmpty, "mq \(path.joined(separator: " "))")
        }
    }

    @Test("every option and argument has help text")
    func helpText() {
        for (path, spec) in Self.commands {
            for option in spec.options {
                #expect(!option.help.isEmpty, "mq \(path.joined(separator: " ")) --\(option.name)")
            }
            for argument in spec.arguments {
                #expect(!argument.help.isEmpty, "mq \(path.joined(separator: " ")) \(argument.name)")
            }
        }
    }

    @Test("no two options of a command share a name or a letter, counting the global ones")
    func uniqueNames() {
        let globals = CommandTree.root.options.filter(\.isGlobal)
        for (path, spec) in Self.commands where !path.isEmpty {
            let options = spec.options + globals
            let names = options.map(\.name) + options.filter(\.negatable).map { "no-" + $0.name }
            #expect(Set(names).count == names.count, "mq \(path.joined(separator: " ")): \(names)")
            let letters = options.compactMap(\.short)
            #expect(Set(letters).count == letters.count, "mq \(path.joined(separator: " ")): \(letters)")
        }
    }

    @Test("every command that does something carries its handler, and no group of commands does")
    func handlers() {
        for (path, spec) in Self.commands where !path.isEmpty && path != ["help"] {
            #expect((spec.action != nil) == spec.subcommands.isEmpty, "mq \(path.joined(separator: " "))")
        }
    }

    @Test(
        "the usage line shows the command words, the arguments and [options]",
        arguments: [
            ([], "Usage: mq <command> [options]"),
            (["declare"], "Usage: mq declare <queue|exchange|vhost|user|permission|policy> [options]"),
            (["list", "queues"], "Usage: mq list queues [NAME...] [options]"),
            (["declare", "queue"], "Usage: mq declare queue [NAME] [options]"),
            (["declare", "exchange"], "Usage: mq declare exchange NAME [options]"),
            (["publish"], "Usage: mq publish [BODY] [options]"),
            (["help"], "Usage: mq help [COMMAND...] [options]"),
        ])
    func usage(path: [String], expected: String) {
        #expect(HelpFormatter(program: "mq", root: CommandTree.root).usage(for: path) == expected)
    }

    @Test("every example parses", arguments: CommandTreeTests.commands.flatMap { $0.spec.examples })
    func examples(example: String) throws {
        let argv = try #require(ShellWords.mqArguments(in: example), "an example that runs no mq: \(example)")
        #expect(!argv.isEmpty)
        #expect(throws: Never.self, "\(argv)") {
            try Parser(root: CommandTree.root, environment: [:]).parse(argv)
        }
    }
}

@Suite("Reading shell examples")
struct ShellWordsTests {
    @Test("the words after mq are split at spaces, quotes kept together and removed")
    func words() {
        #expect(
            ShellWords.mqArguments(in: "mq publish --key 'a b' \"c d\" x") == ["publish", "--key", "a b", "c d", "x"])
        #expect(ShellWords.mqArguments(in: "mq publish --key ''") == ["publish", "--key", ""])
    }

    @Test("what comes before mq and after a pipe, redirection or parenthesis is left out")
    func surroundings() {
        #expect(ShellWords.mqArguments(in: "seq 3 | mq publish --lines") == ["publish", "--lines"])
        #expect(ShellWords.mqArguments(in: "mq consume q | jq .body") == ["consume", "q"])
        #expect(ShellWords.mqArguments(in: "mq publish x < body.json") == ["publish", "x"])
        #expect(ShellWords.mqArguments(in: "Q=$(mq declare queue --exclusive)") == ["declare", "queue", "--exclusive"])
    }

    @Test("comments and other commands run no mq")
    func none() {
        #expect(ShellWords.mqArguments(in: "# mq publish") == nil)
        #expect(ShellWords.mqArguments(in: "jq .body") == nil)
    }
}

/// Just enough of the shell to read mq's one-line examples.
enum ShellWords {
    /// The arguments the shell would pass to the `mq` in `line` (after `mq`, up to a pipe,
    /// redirection or closing parenthesis), or nil when the line runs no mq.
    static func mqArguments(in line: String) -> [String]? {
        guard !line.hasPrefix("#"), let start = line.range(of: "mq ") else { return nil }
        var words: [String] = []
        var word: String?
        var quote: Character?
        for character in line[start.upperBound...] {
            if let open = quote {
                if character == open { quote = nil } else { word?.append(character) }
                continue
            }
            switch character {
            case "'", "\"":
                quote = character
                word = word ?? ""
            case " ":
                if let finished = word { words.append(finished) }
                word = nil
            case "|", "<", ">", ")":
                if let finished = word { words.append(finished) }
                return words
            default:
                word = (word ?? "") + String(character)
            }
        }
        if let finished = word { words.append(finished) }
        return words
    }
}
