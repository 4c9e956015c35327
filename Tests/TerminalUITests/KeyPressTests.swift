import Testing

@testable import TerminalUI

@Suite("mq top: keys from the bytes a terminal sends")
struct TopKeyTests {
    private func keys(_ bytes: [UInt8]) -> [KeyPress] {
        var buffer = bytes
        return KeyPress.decode(&buffer)
    }

    @Test(
        "arrows in normal and application mode, with modifiers; other sequences swallowed whole",
        arguments: [
            ("\u{1B}[D", KeyPress.left), ("\u{1B}[C", .right), ("\u{1B}[A", .up), ("\u{1B}[B", .down),
            ("\u{1B}OD", .left), ("\u{1B}OC", .right),
            ("\u{1B}[1;5C", .right), ("\u{1B}[15~", .unknown),
        ])
    func sequences(text: String, key: KeyPress) {
        #expect(keys(Array(text.utf8)) == [key])
    }

    @Test("characters, Enter, Backspace, Ctrl-C, and a lone ESC at the end of a read as the Escape key")
    func plain() {
        #expect(
            keys(Array("q/r<>".utf8)) == [
                .character("q"), .character("/"), .character("r"), .character("<"), .character(">"),
            ])
        #expect(keys([0x0D, 0x7F, 0x08, 0x03, 0x1B]) == [.enter, .backspace, .backspace, .interrupt, .escape])
        #expect(keys([0x1B, UInt8(ascii: "x")]) == [.escape, .character("x")])
        #expect(keys(Array("\u{1B}[Cq".utf8)) == [.right, .character("q")])
    }

    @Test("a UTF-8 character split across reads waits for its last byte")
    func splitCharacter() {
        var buffer: [UInt8] = [UInt8(ascii: "a"), 0xC3]
        #expect(KeyPress.decode(&buffer) == [.character("a")])
        #expect(buffer == [0xC3])
        buffer.append(0xA9)
        #expect(KeyPress.decode(&buffer) == [.character("é")])
        #expect(buffer.isEmpty)
    }
}
