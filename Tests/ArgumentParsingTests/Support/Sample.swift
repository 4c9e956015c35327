import ArgumentParsing
import Testing

/// A small command tree, unrelated to mq, that exercises every rule of the parser:
///
///     demo make box [NAME]        options of every kind
///     demo make crate NAME        a required argument under a nested command
///     demo send TARGET [BODY]     a required and an optional argument
///     demo cat FILES...           a required variadic argument
///     demo repeat TIMES [WORDS...]  a typed argument and an optional variadic one
/// What a command of the test trees would run with (they never run).
final class DemoAction: Sendable {}

/// A command of the test trees.
typealias DemoCommand = CommandSpec<DemoAction>

enum Sample {
    static let globals: [OptionSpec] = [
        OptionSpec(
            "server", value: .text, valueName: "URL", default: "local", environment: "DEMO_SERVER", global: true,
            help: "server to talk to"),
        OptionSpec(
            "timeout", value: .duration, valueName: "DURATION", default: "10s", environment: "DEMO_TIMEOUT",
            global: true,
            help: "give up after this long"),
        .flag("verbose", short: "v", global: true, help: "say more"),
        .flag("quiet", short: "q", global: true, help: "say less"),
        .flag("help", short: "h", global: true, help: "show help"),
    ]

    static let box = DemoCommand(
        "box", summary: "Make a box", discussion: "A box holds things.",
        arguments: [ArgumentSpec("NAME", optional: true, help: "the box's name")],
        options: [
            OptionSpec(
                "size", short: "n", value: .integer(1...100), valueName: "N", default: "10", environment: "DEMO_SIZE",
                help: "how big"),
            .flag("sturdy", default: true, negatable: true, help: "use thick cardboard"),
            .flag("tape", short: "t", help: "tape it shut"),
            OptionSpec(
                "label", short: "l", value: .decoded(Decoding(KeyValue.self)), valueName: "KEY=VALUE", repeatable: true,
                help: "a label"),
            OptionSpec(
                "color", value: .choice(["red", "green", "blue"]), valueName: "COLOR", default: "red", help: "paint"),
            OptionSpec("shape", value: .suggestions(["cube", "tube"]), valueName: "SHAPE", help: "the shape"),
            OptionSpec("wait", value: .duration, valueName: "DURATION", help: "let the glue dry this long"),
        ],
        examples: ["# a small box", "demo make box parcel --size 5"])

    static let crate = DemoCommand(
        "crate", summary: "Make a crate",
        arguments: [ArgumentSpec("NAME", help: "the crate's name")],
        options: [OptionSpec("slats", value: .integer(2...20), valueName: "N", help: "how many slats")])

    static let make = DemoCommand("make", summary: "Make a box or a crate", subcommands: [box, crate])

    static let send = DemoCommand(
        "send", summary: "Send a message",
        arguments: [
            ArgumentSpec("TARGET", help: "where to send it"),
            ArgumentSpec("BODY", optional: true, help: "what to send"),
        ],
        options: [
            OptionSpec("key", short: "k", value: .text, valueName: "KEY", help: "routing key"),
            .flag("all", short: "a", help: "send to every target"),
        ])

    static let cat = DemoCommand(
        "cat", summary: "Print files",
        arguments: [ArgumentSpec("FILES", value: .path, variadic: true, help: "the files to print")])

    static let `repeat` = DemoCommand(
        "repeat", summary: "Say words a few times",
        arguments: [
            ArgumentSpec("TIMES", value: .integer(1...3), help: "how many times"),
            ArgumentSpec("WORDS", optional: true, variadic: true, help: "what to say"),
        ])

    static let root = DemoCommand(
        "demo", summary: "A sample tool", options: globals, subcommands: [make, send, cat, `repeat`],
        examples: ["demo make box parcel"])

    /// Parses `argv` against the sample tree, with `environment` as the process environment.
    static func parse(_ argv: [String], environment: Environment = [:]) throws(ParseError) -> ParsedCommand {
        try Parser(root: root, environment: environment).parse(argv)
    }

    /// Checks that `body` throws a parse error that says `message`, raised after the command
    /// words `commandPath`.
    static func expectError<T>(
        _ message: String, at commandPath: [String], sourceLocation: SourceLocation = #_sourceLocation,
        _ body: () throws -> T
    ) {
        do {
            _ = try body()
            Issue.record("no parse error; expected: \(message)", sourceLocation: sourceLocation)
        } catch let error as ParseError {
            #expect(error.message == message, sourceLocation: sourceLocation)
            #expect(error.commandPath == commandPath, sourceLocation: sourceLocation)
        } catch {
            Issue.record("not a parse error: \(error)", sourceLocation: sourceLocation)
        }
    }
}
