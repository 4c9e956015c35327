import Testing

@testable import ArgumentParsing

@Suite("Did-you-mean suggestions")
struct SuggestionsTests {
    static let commands = ["declare", "bind", "unbind", "publish", "consume", "get", "purge", "delete", "help"]

    @Test(
        "a word one typo away is corrected",
        arguments: [
            ("pubish", "publish"),
            ("publsh", "publish"),
            ("consme", "consume"),
            ("hlp", "help"),
            ("delet", "delete"),
        ])
    func typo(word: String, expected: String) {
        #expect(Suggestions.closest(to: word, among: Self.commands) == expected)
    }

    @Test("longer words allow more typos: a third of the shorter length")
    func allowance() {
        #expect(Suggestions.closest(to: "pubilsh", among: ["publish"]) == "publish")
        #expect(Suggestions.closest(to: "xyz", among: ["get"]) == nil)
        #expect(Suggestions.closest(to: "got", among: ["get"]) == "get")
        #expect(Suggestions.closest(to: "gte", among: ["get"]) == "get", "a swap of neighbours is one edit")
        #expect(Suggestions.closest(to: "gxx", among: ["get"]) == nil)
    }

    @Test(
        "a prefix of three letters or more is completed",
        arguments: [
            ("dec", "declare"),
            ("del", "delete"),
            ("pub", "publish"),
            ("con", "consume"),
            ("unb", "unbind"),
        ])
    func prefix(word: String, expected: String) {
        #expect(Suggestions.closest(to: word, among: Self.commands) == expected)
    }

    @Test("a prefix is completed whatever other candidates there are")
    func prefixAmongCloserCandidates() {
        #expect(Suggestions.closest(to: "pub", among: ["get", "publish"]) == "publish")
        #expect(Suggestions.closest(to: "dec", among: ["delete", "declare"]) == "declare")
    }

    @Test("a prefix of fewer than three letters is too short to guess from")
    func shortPrefix() {
        #expect(Suggestions.closest(to: "pu", among: ["publish", "purge"]) == nil)
    }

    @Test("a word close to nothing gets no suggestion")
    func farOff() {
        #expect(Suggestions.closest(to: "frobnicate", among: Self.commands) == nil)
    }

    @Test("no candidates, no suggestion")
    func noCandidates() {
        #expect(Suggestions.closest(to: "get", among: []) == nil)
    }

    @Test("an exact match is its own suggestion")
    func exact() {
        #expect(Suggestions.closest(to: "get", among: Self.commands) == "get")
    }

    @Test(
        "edit distance counts insertions, deletions, substitutions and swaps of neighbours",
        arguments: [
            ("", "", 0), ("", "abc", 3), ("abc", "", 3), ("kitten", "sitting", 3), ("flaw", "lawn", 2),
            ("same", "same", 0),
            ("cuont", "count", 1), ("abcd", "badc", 2),
        ])
    func distance(a: String, b: String, expected: Int) {
        #expect(Suggestions.distance(a, b) == expected)
    }
}
