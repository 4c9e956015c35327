import Testing

@testable import Routing

@Suite("Topic binding keys: * is one word, # zero or more")
struct TopicPatternTests {
    @Test(
        "a binding key matches the routing keys RabbitMQ routes to it",
        arguments: [
            ("a.b", "a.b", true), ("a.b", "a.c", false), ("a.b", "a.b.c", false), ("a.b", "a", false),
            ("*", "a", true), ("*", "", false), ("*", "a.b", false), ("*", ".", false), ("*.*", ".", true),
            ("a.*", "a.b", true), ("a.*", "a", false), ("a.*", "a.", true), ("a.*.c", "a..c", true),
            ("a.*.c", "a.c", false),
            ("#", "", true), ("#", "a", true), ("#", "a.b.c", true), ("#", ".", true),
            ("a.#", "a", true), ("a.#", "a.b", true), ("a.#", "a.b.c", true), ("a.#", "b", false), ("a.#", "ab", false),
            ("#.a", "a", true), ("#.a", "x.y.a", true), ("#.a", "a.x", false),
            ("a.#.b", "a.b", true), ("a.#.b", "a.x.b", true), ("a.#.b", "a.x.y.b", true), ("a.#.b", "a.x", false),
            ("#.#", "", true), ("#.#", "a.b", true), ("#.*", "", false), ("#.*", "a", true), ("*.#", "a.b.c", true),
            ("a..b", "a..b", true), ("a..b", "a.b", false), ("a.#.#.b", "a.b", true), ("#.b.#", "b", true),
            ("#.b.#", "a.c", false),
            ("", "", true), ("", "a", false), ("a", "", false), ("", ".", false), ("*.b.*", "x.b.", true),
        ])
    func matches(bindingKey: String, routingKey: String, expected: Bool) {
        #expect(TopicPattern(bindingKey).matches(routingKey) == expected)
    }

    @Test("keys split at every dot; the empty key has no words")
    func words() {
        #expect(TopicPattern.words(of: "").isEmpty)
        #expect(TopicPattern.words(of: "a..b") == ["a", "", "b"])
        #expect(TopicPattern.words(of: ".") == ["", ""])
    }
}
