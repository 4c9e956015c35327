import ArgumentParsing
import Testing

@Suite("Typed options: declared once, read as their type")
struct TypedOptionTests {
    enum Wrapping: String, CaseIterable, Sendable {
        case paper, foil, none
    }

    enum Pack {
        static let count = Option<Int?>.integer("count", short: "n", range: 1...9, help: "how many")
        static let size = Option<Int>.integer("size", range: 1...100, default: 10, help: "how big")
        static let wait = Option<Double?>.duration("wait", help: "let it settle")
        static let timeout = Option<Double>.duration("timeout", default: "2s", help: "give up")
        static let fragile = Option<Bool>.flag("fragile", help: "handle with care")
        static let sturdy = Option<Bool>.flag("sturdy", default: true, negatable: true, help: "thick cardboard")
        static let label = Option<String?>.text(
            "label", valueName: "TEXT", environment: "PACK_LABEL", help: "what to write on it")
        static let to = Option<String>.text("to", valueName: "WHERE", default: "home", help: "where it goes")
        static let tags = Option<[String]>.repeated("tag", short: "t", valueName: "TAG", help: "a tag")
        static let wrapping = Option<Wrapping>.choice(
            "wrapping", valueName: "KIND", default: .paper, help: "what to wrap it in")

        static let command = DemoCommand(
            "pack", summary: "Pack a parcel",
            options: [
                count, size, wait, timeout, fragile, sturdy, label, to, tags, wrapping,
                OptionSpec.flag("help", help: "help"),
            ])
        static let root = DemoCommand("demo", summary: "A sample tool", subcommands: [command])

        static func parse(_ argv: [String], environment: Environment = [:]) throws(ParseError) -> ParsedCommand {
            try Parser(root: root, environment: environment).parse(["pack"] + argv)
        }
    }

    @Test("absent options give their defaults, or nil when they have none")
    func defaults() throws {
        let parsed = try Pack.parse([])
        #expect(parsed[Pack.count] == nil)
        #expect(parsed[Pack.size] == 10)
        #expect(parsed[Pack.wait] == nil)
        #expect(parsed[Pack.timeout] == 2)
        #expect(parsed[Pack.fragile] == false)
        #expect(parsed[Pack.sturdy] == true)
        #expect(parsed[Pack.label] == nil)
        #expect(parsed[Pack.to] == "home")
        #expect(parsed[Pack.tags] == [])
        #expect(parsed[Pack.wrapping] == .paper)
        #expect(!parsed.isSet(Pack.size))
    }

    @Test("given options are read as their types")
    func given() throws {
        let parsed = try Pack.parse([
            "-n", "3", "--size=40", "--wait", "500ms", "--timeout", "1m", "--fragile", "--no-sturdy", "--label",
            "books",
            "--to", "work", "-t", "a", "--tag", "b", "--wrapping", "foil",
        ])
        #expect(parsed[Pack.count] == 3)
        #expect(parsed[Pack.size] == 40)
        #expect(parsed[Pack.wait] == 0.5)
        #expect(parsed[Pack.timeout] == 60)
        #expect(parsed[Pack.fragile])
        #expect(!parsed[Pack.sturdy])
        #expect(parsed[Pack.label] == "books")
        #expect(parsed[Pack.to] == "work")
        #expect(parsed[Pack.tags] == ["a", "b"])
        #expect(parsed[Pack.wrapping] == .foil)
        #expect(parsed.isSet(Pack.size))
    }

    @Test("the environment stands in for an option not given, and a configuration file below it")
    func environmentAndFile() throws {
        #expect(try Pack.parse([], environment: ["PACK_LABEL": "toys"])[Pack.label] == "toys")
        #expect(try Pack.parse(["--label", "cups"], environment: ["PACK_LABEL": "toys"])[Pack.label] == "cups")
        let filed = try Pack.parse([]).addingConfiguration(["size": "70", "wrapping": "none"])
        #expect(filed[Pack.size] == 70)
        #expect(filed[Pack.wrapping] == Wrapping.none)
    }

    @Test("a typed option's spec is what help and the parser see: a choice lists its cases, a default its text")
    func specs() throws {
        #expect(Pack.wrapping.spec.value == .choice(["paper", "foil", "none"]))
        #expect(Pack.wrapping.spec.defaultValue == "paper")
        #expect(Pack.size.spec.defaultValue == "10")
        #expect(Pack.tags.spec.repeatable)
        #expect(
            Pack.command.options.map(\.name) == [
                "count", "size", "wait", "timeout", "fragile", "sturdy", "label", "to", "tag", "wrapping", "help",
            ])
        #expect(throws: ParseError.self) { try Pack.parse(["--wrapping", "box"]) }
        #expect(throws: ParseError.self) { try Pack.parse(["--count", "12"]) }
    }

    @Test("rules: options that exclude each other, one that needs another, one that is required")
    func rules() throws {
        let rules: [OptionRule] = [
            .exclusive(Pack.fragile, Pack.label),
            .needs(Pack.count, Pack.wait),
            .needs(Pack.sturdy, Pack.fragile, message: "sturdy boxes are for fragile things"),
            .required(Pack.label, message: "a parcel needs --label"),
        ]
        #expect(try Pack.parse(["--label", "x"]).brokenRule(among: rules) == nil)
        #expect(
            try Pack.parse(["--label", "x", "--fragile"]).brokenRule(among: rules)
                == "--fragile and --label contradict each other")
        #expect(try Pack.parse(["--label", "x", "-n", "2"]).brokenRule(among: rules) == "--count needs --wait")
        #expect(try Pack.parse(["--label", "x", "-n", "2", "--wait", "1s"]).brokenRule(among: rules) == nil)
        // A flag on by default breaks no rule until it is given.
        #expect(
            try Pack.parse(["--label", "x", "--sturdy"]).brokenRule(among: rules)
                == "sturdy boxes are for fragile things")
        #expect(try Pack.parse([]).brokenRule(among: rules) == "a parcel needs --label")
        #expect(try Pack.parse([], environment: ["PACK_LABEL": "toys"]).brokenRule(among: rules) == nil)
    }

    @Test(
        "a rule can let a configuration file's value give way: it counts only from the command line or the environment")
    func ignoringConfiguration() throws {
        let rules: [OptionRule] = [.exclusive([.ignoringConfiguration(Pack.wrapping), .init(Pack.label)])]
        let filed = try Pack.parse(["--label", "x"]).addingConfiguration(["wrapping": "foil"])
        #expect(filed.brokenRule(among: rules) == nil)
        #expect(
            filed.brokenRule(among: [.exclusive(Pack.wrapping, Pack.label)])
                == "--wrapping and --label contradict each other")
        let given = try Pack.parse(["--label", "x", "--wrapping", "foil"])
        #expect(given.brokenRule(among: rules) == "--wrapping and --label contradict each other")
    }
}
