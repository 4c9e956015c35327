import AMQPWire
import ArgumentParsing
import Testing
import Transport

@testable import MQCommands

/// Every option and positional argument of every verb whose value is a number of some kind
/// (whole numbers with a range, durations, rates, sizes, times, offsets, exit statuses), found in
/// the command tree and fed its extremes: 0, the largest accepted, one past it, 2^63, 1e308,
/// negative, NaN. Each is either accepted, and its value can be used without trapping, or a usage
/// error whose one line names the value. A kind of value the test cannot classify fails it.
@Suite("Numbers at and past their limits: accepted and usable, or a usage error naming them")
struct ExtremeValueTests {
    /// One word to feed, and whether the value's kind takes it.
    struct Case: CustomStringConvertible {
        let word: String
        let accepted: Bool
        var description: String { "\(word) (\(accepted ? "accepted" : "refused"))" }
    }

    /// The cases for words a kind takes, then words it refuses.
    static func cases(taking accepted: [String], refusing refused: [String]) -> [Case] {
        var cases: [Case] = []
        for word in accepted { cases.append(Case(word: word, accepted: true)) }
        for word in refused { cases.append(Case(word: word, accepted: false)) }
        return cases
    }

    /// A kind of value that holds a number: the words to feed it, and what an accepted one must
    /// allow (the conversions the verbs make of it).
    struct NumericKind {
        let name: String
        let cases: [Case]
        let use: @Sendable (String) throws -> Void
    }

    /// Where a value is given: an option (`--name word`) or a positional argument.
    enum Place: CustomStringConvertible {
        case option(String)
        case argument(index: Int, name: String)
        var description: String {
            switch self {
            case .option(let name): "--\(name)"
            case .argument(_, let name): name
            }
        }
        /// As a parse error names it: `'--count'`, or `COUNT`.
        var quoted: String {
            switch self {
            case .option(let name): "'--\(name)'"
            case .argument(_, let name): name
            }
        }
    }

    /// A numeric value somewhere in the tree: the command words, the positionals it needs, where
    /// the value goes, and its kind.
    struct Site: CustomStringConvertible {
        let path: [String]
        let arguments: [String]
        let place: Place
        let kind: NumericKind
        var description: String { "mq \(path.joined(separator: " ")) \(place) (\(kind.name))" }

        /// The command line with `word` as the value, written `--name=word` or `--name word`.
        func argv(_ word: String, joined: Bool) -> [String] {
            switch place {
            case .option(let name): path + arguments + (joined ? ["--\(name)=\(word)"] : ["--\(name)", word])
            case .argument(let index, _):
                path + arguments.prefix(index) + [word] + arguments.dropFirst(index + 1)
            }
        }
    }

    // MARK: The kinds

    static let twoTo63: String = "9223372036854775808"

    /// A whole number within `range`: its ends, one past each, and the shared extremes.
    static func integer(_ range: ClosedRange<Int64>) -> NumericKind {
        func pastEnd(_ end: Int64, _ step: Int64) -> String {
            let (next, overflow) = end.addingReportingOverflow(step)
            return overflow ? (step > 0 ? twoTo63 : "-9223372036854775809") : String(next)
        }
        let words: [String] = [
            "0", "-1", String(range.lowerBound), String(range.upperBound), pastEnd(range.lowerBound, -1),
            pastEnd(range.upperBound, 1),
            twoTo63, "1e308", "nan", "1.5",
        ]
        return NumericKind(
            name: "integer \(range)",
            cases: words.map { word in Case(word: word, accepted: Int64(word).map { range.contains($0) } ?? false) },
            use: { word in
                // The typed option reads an Int; every verb's narrower conversion is within the range.
                let number = try #require(Int64(word))
                #expect(Int(exactly: number) != nil)
            })
    }

    static let duration = NumericKind(
        name: "duration",
        cases: cases(
            taking: ["0", "0s", "365d", "31536000", "8760h"],
            refusing: ["366d", "31536001", twoTo63, "\(twoTo63)s", "1e308", "-1", "-1s", "nan", "nans", "inf"]),
        use: { word in
            let seconds = try #require(DurationText.seconds(word))
            #expect(seconds <= DurationText.longest)
            #expect(Deadline.after(seconds: seconds) < Deadline.distantFuture)
        })

    static let rate = NumericKind(
        name: "rate",
        cases: cases(
            taking: [
                "1/s", "1e308/s", "1.7976931348623157e308/s", "\(twoTo63)/s", "1e308", "1e308/h", "0.000115/h",
                "0.0000001", "\(twoTo63)",
            ],
            refusing: [
                "0/s", "0", "-0/s", "-1/s", "-1", "nan/s", "nan", "inf/s", "1.8e308/s", "1e-308/s", "4.9e-324/s",
                "1e-400/s", "0.000114/h",
                "1e308/d",
            ]),
        use: { word in
            let rate = try Rate(text: word)
            #expect(rate.interval > 0 && rate.interval <= DurationText.longest)
            // Pacing turns the rate into deadlines: the first message at once, none ever never.
            let pacing = Pacing(rate)
            #expect(pacing.due(0) <= Deadline.now)
            #expect(pacing.due(1) < Deadline.distantFuture)
            _ = pacing.due(Int.max)
        })

    static let size = NumericKind(
        name: "size",
        cases: cases(
            taking: ["0", "0B", "9223372036854775807", "9223372036854775807B", "8388607TiB", "8388607TB"],
            refusing: [twoTo63, "8388608TiB", "9223372036854775807KiB", "1e308", "-1", "-1B", "nan", "nanB"]),
        use: { word in
            let size = try ByteSize(text: word)
            #expect(size.bytes >= 0)
            #expect(FieldValue.int64(size.bytes) == .int64(size.bytes))
        })

    static let timestamp = NumericKind(
        name: "timestamp",
        cases: cases(
            taking: ["0", "now", twoTo63, "18446744073709551615", "9999-12-31T23:59:59Z", "1970-01-01T00:00:00Z"],
            refusing: ["18446744073709551616", "1e308", "-1", "nan", "1969-12-31T23:59:59Z"]),
        use: { word in _ = try MessageTimestamp(text: word).secondsSince1970 })

    static let streamOffset = NumericKind(
        name: "stream offset",
        cases: cases(
            taking: ["0", "9223372036854775807", "first", "9999-12-31T23:59:59Z", "@18446744073709551615", "1h"],
            refusing: [twoTo63, "1e308", "-1", "nan"]),
        use: { word in _ = try StreamOffset(text: word).fieldValue })

    /// An age the broker reads as a number of its units: any count that fits 64 bits, above 0.
    static let streamAge = NumericKind(
        name: "stream age",
        cases: cases(
            taking: ["1s", "9223372036854775807Y", "7D"],
            refusing: ["0D", "\(twoTo63)D", "-1D", "1e308D", "nanD", "1.5h"]),
        use: { word in _ = try StreamAge(text: word).text })

    /// A point in time, or an age back from now whose seconds must fit 64 bits.
    static let streamTime = NumericKind(
        name: "stream time",
        cases: cases(
            taking: ["9999-12-31T23:59:59Z", "@18446744073709551615", "1s", "213503982334601D"],
            refusing: ["@18446744073709551616", "213503982334602D", "\(twoTo63)s", "-1h", "1e308s", "nanD", "1.5h"]),
        use: { word in _ = try StreamTime(text: word).seconds(now: 0) })

    static let exitAction = NumericKind(
        name: "exit action",
        cases: cases(
            taking: ["0=ack", "255=requeue", "*=reject"],
            refusing: ["256=ack", "\(twoTo63)=ack", "1e308=ack", "-1=ack", "nan=ack"]),
        use: { word in _ = try ExitAction(text: word).code.description })

    /// `KEY=VALUE`: any number is taken, as the integer it is when it fits 64 bits, else as text.
    static let keyValue = NumericKind(
        name: "KEY=VALUE",
        cases: cases(
            taking: [
                "k=0", "k=-1", "k=9223372036854775807", "k=-9223372036854775808", "k=\(twoTo63)", "k=1e308", "k=nan",
            ], refusing: []),
        use: { word in
            let pair = try KeyValue(text: word)
            let typed = TypedValues.typed(pair.value)
            #expect(written(typed) == pair.value, "\(word) became \(typed)")
        })

    /// A typed header value as it was written: an integer's digits, or text that is no 64-bit number.
    static func written(_ value: FieldValue) -> String? {
        switch value {
        case .int32(let number): return String(number)
        case .int64(let number): return String(number)
        case .longString: return value.stringValue.flatMap { Int64($0) == nil ? $0 : nil }
        default: return nil
        }
    }

    /// Every decoded kind in the tree, with the numeric ones' words; nil for those holding no number.
    static let decodedKinds: [(decoding: Decoding, kind: NumericKind?)] = [
        (Decoding(Rate.self), rate), (Decoding(ByteSize.self), size), (Decoding(MessageTimestamp.self), timestamp),
        (Decoding(StreamOffset.self), streamOffset), (Decoding(StreamAge.self), streamAge),
        (Decoding(StreamTime.self), streamTime),
        (Decoding(ExitAction.self), exitAction),
        (Decoding(KeyValue.self), keyValue),
        (Decoding(ColumnNames.self), nil), (Decoding(MessageTemplate.self), nil),
    ]

    /// The numeric kind of `value` (given at `place`); nil when it holds no number; throws for a
    /// decoded kind this test does not know yet (classify it in `decodedKinds`).
    static func numeric(_ value: ValueKind, at place: @autoclosure () -> String) throws(Unclassified) -> NumericKind? {
        switch value {
        case .text, .path, .choice, .suggestions, .completedBy: return nil
        case .integer(let range): return integer(range)
        case .duration: return duration
        case .decoded(let decoding):
            guard let known = decodedKinds.first(where: { $0.decoding == decoding }) else {
                throw Unclassified(place: place())
            }
            return known.kind
        }
    }

    /// A value whose decoded kind the test has not classified as numeric or not.
    struct Unclassified: Error, CustomStringConvertible {
        let place: String
        var description: String { "\(place) takes a decoded kind ExtremeValueTests.decodedKinds does not classify" }
    }

    // MARK: The sites

    /// Each command that runs, and each numeric value it takes (its options, the global ones, and
    /// its positional arguments), from the command tree itself.
    static func sites() throws -> [Site] {
        var found: [Site] = []
        for (path, command) in CommandTree.root.tree where command.action != nil {
            let filled = command.arguments.map { argument in
                if case .choice(let choices) = argument.value, let first = choices.first { first } else { "x" }
            }
            let required = zip(command.arguments, filled).filter { !$0.0.isOptional }.map(\.1)
            let line = "mq \(path.joined(separator: " "))"
            for option in command.options + GlobalOptions.specs {
                guard let value = option.value, let kind = try numeric(value, at: "\(line) --\(option.name)") else {
                    continue
                }
                found.append(Site(path: path, arguments: required, place: .option(option.name), kind: kind))
            }
            for (index, argument) in command.arguments.enumerated() {
                guard let kind = try numeric(argument.value, at: "\(line) \(argument.name)") else { continue }
                found.append(
                    Site(
                        path: path, arguments: Array(filled.prefix(index + 1)),
                        place: .argument(index: index, name: argument.name), kind: kind))
            }
        }
        return found
    }

    @Test(
        "every kind of value in the tree is classified, and the numeric ones are found (consume --count, publish --rate, ...)"
    )
    func classified() throws {
        let sites = try Self.sites()
        let options = Set(sites.map { "\($0.path.first ?? "") \($0.place)" })
        #expect(
            options.isSuperset(of: [
                "consume --count", "consume --prefetch", "publish --rate", "move --rate", "publish --priority",
                "declare --max-length-bytes",
                "publish --timestamp", "consume --offset", "consume --exit-action", "wait --interval", "move --window",
                "list --page-size", "declare --max-age", "declare --filter-size-bytes",
            ]))
        #expect(
            Set(sites.map(\.kind.name)).isSuperset(of: [
                "duration", "rate", "size", "timestamp", "stream offset", "stream age", "exit action",
            ]))
    }

    @Test("each numeric value of each verb, at and past its limits: accepted and usable, or one line naming it")
    func extremes() throws {
        let parser = Parser(root: CommandTree.root, environment: [:])
        for site in try Self.sites() {
            for test in site.kind.cases {
                for joined in [true, false] {
                    let argv = site.argv(test.word, joined: joined)
                    do throws(ParseError) {
                        _ = try parser.parse(argv)
                    } catch {
                        #expect(!test.accepted, "\(site) \(test): \(error.message)")
                        #expect(
                            error.message.hasPrefix("bad value for \(site.place.quoted): "),
                            "\(site) \(test): \(error.message)")
                        #expect(error.message.contains(test.word), "\(site) \(test): \(error.message)")
                        #expect(!error.message.contains("\n"), "\(site) \(test): \(error.message)")
                        continue
                    }
                    #expect(test.accepted, "\(site) \(test): accepted")
                    if test.accepted { try site.kind.use(test.word) }
                }
            }
        }
    }
}
