import ArgumentParsing
import Testing

@Suite("Subcommands")
struct SubcommandTests {
    @Test("command words lead down the tree to a nested command")
    func nested() throws {
        let (parsed, command) = try Parser(root: Sample.root, environment: [:]).parseCommand(["make", "box", "parcel"])
        #expect(parsed.path == ["make", "box"])
        #expect(command.name == "box")
        #expect(parsed.argument("NAME") == "parcel")
    }

    @Test("a sibling of a nested command is reached the same way")
    func sibling() throws {
        let parsed = try Sample.parse(["make", "crate", "c1"])
        #expect(parsed.path == ["make", "crate"])
        #expect(parsed.argument("NAME") == "c1")
    }

    @Test("a command without subcommands takes the next word as its argument, not as a command")
    func wordAfterLeaf() throws {
        let parsed = try Sample.parse(["send", "make"])
        #expect(parsed.path == ["send"])
        #expect(parsed.argument("TARGET") == "make")
    }

    @Test("no words at all leaves the root command, for the caller to show help")
    func empty() throws {
        let (parsed, command) = try Parser(root: Sample.root, environment: [:]).parseCommand([])
        #expect(parsed.path == [])
        #expect(command.name == "demo")
    }

    @Test("an unknown command is named, with the closest command and the list of commands")
    func unknownCommandWithSuggestion() {
        Sample.expectError(
            "unknown command 'mke' (did you mean 'make'?); expected one of: make, send, cat, repeat", at: []
        ) {
            try Sample.parse(["mke", "box"])
        }
    }

    @Test("an unknown command close to none gets no suggestion")
    func unknownCommandWithoutSuggestion() {
        Sample.expectError("unknown command 'zzz'; expected one of: make, send, cat, repeat", at: []) {
            try Sample.parse(["zzz"])
        }
    }

    @Test("an unknown nested command is called a kind of its parent")
    func unknownKind() {
        Sample.expectError("unknown make kind 'bx' (did you mean 'box'?); expected one of: box, crate", at: ["make"]) {
            try Sample.parse(["make", "bx"])
        }
    }

    @Test("a command that only groups subcommands needs one")
    func missingSubcommand() {
        Sample.expectError("'make' needs one of: box, crate", at: ["make"]) {
            try Sample.parse(["make"])
        }
    }

    @Test("an abbreviated command is suggested in full")
    func abbreviation() {
        Sample.expectError(
            "unknown command 'rep' (did you mean 'repeat'?); expected one of: make, send, cat, repeat", at: []
        ) {
            try Sample.parse(["rep", "2"])
        }
    }
}
