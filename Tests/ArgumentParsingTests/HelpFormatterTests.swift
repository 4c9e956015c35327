import ArgumentParsing
import Testing

@Suite("Help and usage text")
struct HelpFormatterTests {
    let formatter = HelpFormatter(program: "demo", root: Sample.root)

    @Test(
        "the usage line shows the command words, the arguments and [options]",
        arguments: [
            ([], "Usage: demo <command> [options]"),
            (["make"], "Usage: demo make <box|crate> [options]"),
            (["make", "box"], "Usage: demo make box [NAME] [options]"),
            (["make", "crate"], "Usage: demo make crate NAME [options]"),
            (["send"], "Usage: demo send TARGET [BODY] [options]"),
            (["cat"], "Usage: demo cat FILES... [options]"),
            (["repeat"], "Usage: demo repeat TIMES [WORDS...] [options]"),
            (["nope"], "Usage: demo <command> [options]"),
            (["make", "box", "lid"], "Usage: demo <command> [options]"),
        ])
    func usage(path: [String], expected: String) {
        #expect(formatter.usage(for: path) == expected)
    }

    @Test("a path finds its command, and a wrong path finds none")
    func commandAtPath() {
        #expect(formatter.command(at: [])?.name == Sample.root.name)
        #expect(formatter.command(at: ["make", "crate"])?.summary == Sample.crate.summary)
        #expect(formatter.command(at: ["make", "crate"])?.options == Sample.crate.options)
        #expect(formatter.command(at: ["make", "lid"]) == nil)
    }

    @Test("an option is described with its short name, value, choices, repetition, variable and default")
    func describe() {
        let cases: [(OptionSpec, String, String)] = [
            (Sample.box.options[0], "-n, --size N", "how big [env: DEMO_SIZE] [default: 10]"),
            (Sample.box.options[1], "    --sturdy, --no-sturdy", "use thick cardboard [default: on]"),
            (Sample.box.options[2], "-t, --tape", "tape it shut"),
            (Sample.box.options[3], "-l, --label KEY=VALUE", "a label; repeatable"),
            (Sample.box.options[4], "    --color COLOR", "paint (red|green|blue) [default: red]"),
            (Sample.box.options[5], "    --shape SHAPE", "the shape"),
            (Sample.globals[0], "    --server URL", "server to talk to [env: DEMO_SERVER] [default: local]"),
        ]
        for (option, left, right) in cases {
            let described = option.helpColumns
            #expect(described.0 == left)
            #expect(described.1 == right)
        }
    }

    @Test("help for a command lists its arguments, every option with default and variable, and its examples")
    func commandHelp() {
        let expected = """
            Usage: demo make box [NAME] [options]

            Make a box

            A box holds things.

            Arguments:
              NAME  the box's name

            Options:
              -n, --size N               how big [env: DEMO_SIZE] [default: 10]
                  --sturdy, --no-sturdy  use thick cardboard [default: on]
              -t, --tape                 tape it shut
              -l, --label KEY=VALUE      a label; repeatable
                  --color COLOR          paint (red|green|blue) [default: red]
                  --shape SHAPE          the shape
                  --wait DURATION        let the glue dry this long

            Global options:
                  --server URL        server to talk to [env: DEMO_SERVER] [default: local]
                  --timeout DURATION  give up after this long [env: DEMO_TIMEOUT] [default: 10s]
              -v, --verbose           say more
              -q, --quiet             say less
              -h, --help              show help

            Examples:
              # a small box
              demo make box parcel --size 5

            """
        #expect(formatter.help(for: ["make", "box"]) == expected)
    }

    @Test("help for the top lists the commands, and the global options as usable anywhere")
    func rootHelp() {
        let expected = """
            Usage: demo <command> [options]

            A sample tool

            Commands:
              make    Make a box or a crate
              send    Send a message
              cat     Print files
              repeat  Say words a few times

            Options (before or after the command):
                  --server URL        server to talk to [env: DEMO_SERVER] [default: local]
                  --timeout DURATION  give up after this long [env: DEMO_TIMEOUT] [default: 10s]
              -v, --verbose           say more
              -q, --quiet             say less
              -h, --help              show help

            Examples:
              demo make box parcel

            """
        #expect(formatter.help(for: []) == expected)
    }

    @Test("help for a command that groups others lists them as kinds")
    func groupHelp() {
        let help = formatter.help(for: ["make"])
        #expect(help.hasPrefix("Usage: demo make <box|crate> [options]\n\nMake a box or a crate\n\nKinds:\n"))
        #expect(help.contains("\n  box    Make a box\n  crate  Make a crate\n"))
        #expect(!help.contains("Examples:"))
        #expect(!help.contains("Arguments:"))
    }

    @Test("every option of every command appears in its help, with its variable and default")
    func everyOption() throws {
        for path in [["make", "box"], ["make", "crate"], ["send"], ["cat"], ["repeat"]] {
            let help = formatter.help(for: path)
            for option in try #require(formatter.command(at: path)).options + Sample.globals {
                #expect(help.contains("--\(option.name)"), "\(path): --\(option.name)")
                if let variable = option.environment { #expect(help.contains("[env: \(variable)]")) }
                if let value = option.defaultValue, option.value != nil {
                    #expect(help.contains("[default: \(value)]"))
                }
            }
        }
    }

    @Test("a left column wider than the table's limit still leaves two spaces before the help")
    func wideLeftColumn() {
        let wide = OptionSpec("a-rather-long-option-name", value: .text, valueName: "SOMETHING_LONG", help: "wide")
        let root = DemoCommand("tool", summary: "Tool", options: [wide, OptionSpec("x", value: .text, help: "narrow")])
        let help = HelpFormatter(program: "tool", root: root).help(for: [])
        #expect(help.contains("\n      --a-rather-long-option-name SOMETHING_LONG  wide\n"))
        #expect(help.contains("\n      --x VALUE" + String(repeating: " ", count: 36 - 13) + "narrow\n"))
    }

    @Test("help for a path that names no command is the top usage line")
    func unknownPath() {
        #expect(formatter.help(for: ["nope"]) == "Usage: demo <command> [options]")
    }
}
