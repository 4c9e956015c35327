import AMQPWire
import ArgumentParsing
import Testing

@testable import MQCommands

@Suite("Typed KEY=VALUE values")
struct TypedValuesTests {
    @Test(
        "a word is typed as rabbitmqadmin users expect",
        arguments: [
            ("42", FieldValue.int32(42)),
            ("-7", .int32(-7)),
            ("2147483647", .int32(2_147_483_647)),
            ("-2147483648", .int32(-2_147_483_648)),
            ("2147483648", .int64(2_147_483_648)),
            ("3000000000", .int64(3_000_000_000)),
            ("-3000000000", .int64(-3_000_000_000)),
            ("true", .boolean(true)),
            ("false", .boolean(false)),
            ("True", .string("True")),
            ("text", .longString(Array("text".utf8))),
            ("1.5", .string("1.5")),
            ("", .string("")),
            ("99999999999999999999", .string("99999999999999999999")),
        ])
    func typed(word: String, expected: FieldValue) {
        #expect(TypedValues.typed(word) == expected)
    }

    @Test(
        "a pair splits at the first equals sign",
        arguments: [
            ("k=v", "k", "v"),
            ("k=a=b", "k", "a=b"),
            ("k=", "k", ""),
            ("x-match=all", "x-match", "all"),
        ])
    func split(pair: String, key: String, value: String) throws {
        let split = try KeyValue(text: pair)
        #expect(split.key == key)
        #expect(split.value == value)
    }

    @Test("a table keeps the pairs in the order given, each typed")
    func table() {
        let table = TypedValues.table(
            pairs(["x-max-length=42", "x-big=3000000000", "x-lazy=true", "x-mode=lazy", "x-eq=a=b"]))
        let expected: FieldTable = [
            "x-max-length": .int32(42), "x-big": .int64(3_000_000_000), "x-lazy": .boolean(true),
            "x-mode": .string("lazy"), "x-eq": .string("a=b"),
        ]
        #expect(table == expected)
    }

    @Test("--arg-string pairs stay strings whatever they look like")
    func strings() {
        let table = TypedValues.table(pairs([]), strings: pairs(["n=42", "f=false", "big=3000000000"]))
        #expect(table == ["n": .string("42"), "f": .string("false"), "big": .string("3000000000")])
    }

    @Test("a string pair replaces a typed pair of the same key in its place")
    func stringOverridesTyped() {
        let table = TypedValues.table(pairs(["a=1", "b=2"]), strings: pairs(["a=1", "c=3"]))
        #expect(table == ["a": .string("1"), "b": .int32(2), "c": .string("3")])
    }

    @Test("a key given twice keeps its first place and its last value")
    func repeatedKey() {
        let table = TypedValues.table(pairs(["a=1", "b=2", "a=3"]))
        #expect(table == ["a": .int32(3), "b": .int32(2)])
    }

    /// The pairs of `words`, each split as the parser splits it.
    private func pairs(_ words: [String]) -> [KeyValue] { words.compactMap { try? KeyValue(text: $0) } }
}
