import Foundation
import JSON
import Testing

@testable import MQCommands

@Suite("Cells, tables and TSV")
struct ListingOutputTests {
    @Test(
        "cells: empty for missing and null, plain numbers and booleans, lists joined, objects as JSON",
        arguments: [
            (nil, ""), (JSON.null, ""), (.int(42), "42"), (.double(0.5), "0.5"), (.bool(false), "false"),
            (.string("a b"), "a b"),
            (.array([.string("management"), .string("monitoring")]), "management,monitoring"), (.array([]), ""),
            (.object([("x-max-length", .int(10))]), #"{"x-max-length":10}"#), (.object([]), "{}"),
            (.array([.object([])]), "[{}]"),
        ])
    func cell(value: JSON?, expected: String) {
        #expect(CellText.text(value) == expected)
    }

    @Test("tabs, newlines, carriage returns and backslashes are escaped, so a value never breaks a row")
    func escaping() {
        #expect(CellText.text(.string("a\tb\nc\rd\\e")) == #"a\tb\nc\rd\\e"#)
        #expect(CellText.text(.array([.string("x\ty")])) == #"x\ty"#)
    }

    @Test("TSV: a header row, then one line per object, cells separated by tabs")
    func tsv() {
        let table = TextTable(header: ["name", "n"], rows: [["a", "1"], ["", "22"]], rightAligned: [false, true])
        #expect(table.tabSeparated() == "name\tn\na\t1\n\t22\n")
        #expect(TextTable(header: nil, rows: [["a", "1"]], rightAligned: [false, true]).tabSeparated() == "a\t1\n")
    }

    @Test("table: columns padded to the widest cell, numbers right-aligned, no trailing spaces")
    func aligned() {
        let table = TextTable(
            header: ["name", "messages", "state"], rows: [["orders", "5", "running"], ["q", "1200", ""]],
            rightAligned: [false, true, false])
        #expect(
            table.aligned() == """
                name    messages  state
                orders         5  running
                q           1200

                """)
    }

    @Test("a table counts characters, not bytes")
    func unicodeWidth() {
        let table = TextTable(header: ["n", "x"], rows: [["ação", "1"]], rightAligned: [false, false])
        #expect(table.aligned() == "n     x\nação  1\n")
    }

    @Test("an empty listing is a header alone, or nothing at all without headers")
    func empty() {
        let listing = ObjectListing(objects: [], columns: [Column("name")], whole: false)
        #expect(listing.rendered(.tsv, headers: true) == "name\n")
        #expect(listing.rendered(.table, headers: false) == "")
        #expect(listing.rendered(.json, headers: true) == "[]\n")
    }

    let objects: [JSON] = [
        .object([("name", .string("a\tb")), ("messages", .int(3)), ("arguments", .object([("x", .int(1))]))]),
        .object([("name", .string("c"))]),
    ]

    @Test("JSON: one array, each object keyed by column title, missing values null, numbers as numbers")
    func json() throws {
        let listing = ObjectListing(
            objects: objects, columns: [Column("name"), Column("count", ["messages"])], whole: false)
        let text = listing.rendered(.json, headers: true)
        #expect(text == #"[{"name":"a\tb","count":3},{"name":"c","count":null}]"# + "\n")
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(parsed.count == 2)
    }

    @Test("with --columns all, JSON shows the objects whole")
    func jsonWhole() {
        let listing = ObjectListing(objects: objects, columns: ColumnSelection.all.columns(for: objects), whole: true)
        #expect(listing.json() == .array(objects))
        #expect(listing.rendered(.tsv, headers: true) == "name\tmessages\targuments.x\na\\tb\t3\t1\nc\t\t\n")
    }

    @Test("numeric columns are right-aligned in tables, others left")
    func alignment() {
        let listing = ObjectListing(
            objects: objects, columns: [Column("name"), Column("messages"), Column("arguments")], whole: false)
        #expect(listing.textTable(headers: true).rightAligned == [false, true, false])
    }
}
