import ArgumentParsing
import Synchronization
import Testing

@Suite("Subcommands built when asked for")
struct LazySubcommandTests {
    /// The names of the commands whose specs were asked for, in order.
    final class Builds: Sendable {
        private let names = Mutex<[String]>([])
        var all: [String] { names.withLock { $0 } }
        func record(_ name: String) { names.withLock { $0.append(name) } }
    }

    /// A tree of `demo make box|crate`, `demo send` whose subcommands are built lazily and
    /// recorded in `builds` when they are.
    static func tree(_ builds: Builds) -> DemoCommand {
        func lazy(_ name: String, _ spec: @escaping @Sendable () -> DemoCommand) -> Subcommand<DemoAction> {
            Subcommand(name) {
                builds.record(name)
                return spec()
            }
        }
        let box = lazy("box") { DemoCommand("box", summary: "Make a box") }
        let crate = lazy("crate") { DemoCommand("crate", summary: "Make a crate") }
        let make = lazy("make") { DemoCommand("make", summary: "Make things", subcommands: [box, crate]) }
        let send = lazy("send") { DemoCommand("send", summary: "Send a message") }
        return DemoCommand("demo", summary: "A sample tool", options: Sample.globals, subcommands: [make, send])
    }

    @Test("parsing a command line builds the commands on its path, and no other")
    func onlyThePath() throws {
        let builds = Builds()
        let (_, command) = try Parser(root: Self.tree(builds), environment: [:]).parseCommand([
            "make", "crate", "--verbose",
        ])
        #expect(command.name == "crate")
        #expect(builds.all == ["make", "crate"])
    }

    @Test("an unknown command is refused from the names alone, with nothing built")
    func unknownCommand() {
        let builds = Builds()
        #expect(throws: ParseError.self) { try Parser(root: Self.tree(builds), environment: [:]).parse(["mkae"]) }
        #expect(builds.all.isEmpty)
    }

    @Test("help for the root builds each command once, for its summary")
    func rootHelp() {
        let builds = Builds()
        let help = HelpFormatter(program: "demo", root: Self.tree(builds)).help(for: [])
        #expect(help.contains("make") && help.contains("Make things"))
        #expect(builds.all == ["make", "send"])
    }
}
