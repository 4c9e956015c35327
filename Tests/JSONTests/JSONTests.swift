import Foundation
import Testing

@testable import JSON

@Suite("JSON serialization")
struct JSONTests {
    @Test(
        "scalars serialize as JSON writes them",
        arguments: [
            (JSON.null, "null"),
            (.bool(true), "true"),
            (.bool(false), "false"),
            (.int(-5), "-5"),
            (.int(Int64.min), "-9223372036854775808"),
            (.uint(UInt64.max), "18446744073709551615"),
            (.double(1.5), "1.5"),
            (.double(-0.25), "-0.25"),
            (.double(.infinity), "null"),
            (.double(.nan), "null"),
            (.string(""), "\"\""),
        ])
    func scalar(value: JSON, expected: String) {
        #expect(value.serialized() == expected)
    }

    @Test(
        "quotes, backslashes and control characters are escaped",
        arguments: [
            ("say \"hi\"", #""say \"hi\"""#),
            (#"C:\dir"#, #""C:\\dir""#),
            ("a\nb\rc\td", #""a\nb\rc\td""#),
            ("\u{01}", #""\u0001""#),
            ("\u{00}\u{1f}", #""\u0000\u001f""#),
            ("\u{08}\u{0c}", #""\u0008\u000c""#),
        ])
    func escaping(text: String, expected: String) {
        #expect(JSON.string(text).serialized() == expected)
    }

    @Test("text beyond ASCII is written as it is, not escaped")
    func unicodeKept() {
        #expect(JSON.string("ação → 😀 \u{7f}").serialized() == "\"ação → 😀 \u{7f}\"")
    }

    @Test("object keys keep their order and are escaped like strings")
    func keyOrder() {
        let object = JSON.object([("zebra", .int(1)), ("apple", .int(2)), ("m\"id", .int(3))])
        #expect(object.serialized() == #"{"zebra":1,"apple":2,"m\"id":3}"#)
    }

    @Test("arrays and objects nest")
    func nested() {
        let value = JSON.object([
            ("a", .array([.int(1), .object([("b", .null)]), .array([])])),
            ("c", .object([])),
            ("d", .array([.string("x"), .bool(false)])),
        ])
        #expect(value.serialized() == #"{"a":[1,{"b":null},[]],"c":{},"d":["x",false]}"#)
    }

    @Test("what we write, an independent JSON reader reads back")
    func readsBack() throws {
        let text = "quote \" backslash \\ newline \n tab \t one \u{01} unit-separator \u{1f} ação 😀"
        let serialized = JSON.object([("text", .string(text)), ("n", .int(-3))]).serialized()
        let object = try #require(JSONSerialization.jsonObject(with: Data(serialized.utf8)) as? [String: Any])
        #expect(object["text"] as? String == text)
        #expect(object["n"] as? Int == -3)
    }

    @Test("two values are equal when they serialize the same")
    func equality() {
        #expect(JSON.object([("a", .int(1))]) == JSON.object([("a", .int(1))]))
        #expect(JSON.object([("a", .int(1)), ("b", .int(2))]) != JSON.object([("b", .int(2)), ("a", .int(1))]))
    }
}
