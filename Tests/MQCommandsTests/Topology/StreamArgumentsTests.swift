import AMQPWire
import ArgumentParsing
import Testing

@testable import MQCommands

/// `declare queue`'s stream options: the x-arguments they give, and the rules that refuse them
/// for a queue type that cannot take them, before connecting.
@Suite("declare queue: stream arguments")
struct StreamArgumentsTests {
    static func parse(_ words: [String]) throws(ParseError) -> (parsed: ParsedCommand, rules: [OptionRule]) {
        let (parsed, command) = try Parser(root: CommandTree.root, environment: [:]).parseCommand(
            ["declare", "queue", "q"] + words)
        return (parsed, command.rules)
    }

    @Test("each stream option gives its x-argument, typed as the broker reads it")
    func arguments() throws {
        let (parsed, rules) = try Self.parse([
            "--type", "stream", "--max-age", "7D", "--max-segment-size-bytes", "500MB", "--filter-size-bytes", "32",
            "--initial-cluster-size", "3",
        ])
        #expect(parsed.brokenRule(among: rules) == nil)
        var arguments = FieldTable()
        QueueArguments.add(parsed, to: &arguments)
        StreamArguments.add(parsed, to: &arguments)
        #expect(
            arguments == [
                "x-initial-cluster-size": .int64(3), "x-max-age": .string("7D"),
                "x-stream-max-segment-size-bytes": .int64(500_000_000), "x-stream-filter-size-bytes": .int64(32),
            ])
    }

    @Test(
        "a stream option without --type stream is one line saying to add it",
        arguments: [
            (["--max-age", "7D"], "--max-age"),
            (["--type", "quorum", "--max-segment-size-bytes", "1MB"], "--max-segment-size-bytes"),
            (["--type", "classic", "--filter-size-bytes", "16"], "--filter-size-bytes"),
        ])
    func streamOnly(words: [String], option: String) throws {
        let (parsed, rules) = try Self.parse(words)
        #expect(parsed.brokenRule(among: rules) == "\(option) applies to stream queues only: add --type stream")
    }

    @Test("--initial-cluster-size is for quorum and stream queues; without --type a queue is classic")
    func initialClusterSize() throws {
        let refusal =
            "--initial-cluster-size applies to quorum and stream queues only: add --type quorum or --type stream"
        for words in [["--initial-cluster-size", "3"], ["--type", "classic", "--initial-cluster-size", "3"]] {
            let (parsed, rules) = try Self.parse(words)
            #expect(parsed.brokenRule(among: rules) == refusal, "\(words)")
        }
        for type in ["quorum", "stream"] {
            let (parsed, rules) = try Self.parse(["--type", type, "--initial-cluster-size", "3"])
            #expect(parsed.brokenRule(among: rules) == nil, "\(type)")
        }
    }

    @Test(
        "the parser checks the values",
        arguments: [
            (
                ["--max-age", "1w"],
                "bad value for '--max-age': '1w' is not an age: a number and one of Y, M, D, h, m, s (7D, 12h)"
            ),
            (["--filter-size-bytes", "8"], "bad value for '--filter-size-bytes': 8 is out of range (16 to 255)"),
            (["--filter-size-bytes", "256"], "bad value for '--filter-size-bytes': 256 is out of range (16 to 255)"),
            (
                ["--initial-cluster-size", "0"],
                "bad value for '--initial-cluster-size': 0 is out of range (1 to 2147483647)"
            ),
            (
                ["--max-segment-size-bytes", "big"],
                "bad value for '--max-segment-size-bytes': 'big' is not a size (bytes, or with a unit: 64kB, 512MiB, 2GB)"
            ),
        ])
    func values(words: [String], message: String) {
        do throws(ParseError) {
            _ = try Self.parse(["--type", "stream"] + words)
            Issue.record("parsed \(words)")
        } catch {
            #expect(error.message == message)
        }
    }
}
