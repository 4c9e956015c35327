import AMQPWire
import Testing

@testable import AMQP
@testable import MQCommands

@Suite("Which stream records are taken, and where the read ends")
struct StreamReadingTests {
    /// A stream record at `offset`, with `filterValue` as its filter value when given.
    static func record(_ offset: Int64?, filterValue: String? = nil) -> Delivery {
        var headers: FieldTable = [:]
        if let offset { headers["x-stream-offset"] = .int64(offset) }
        if let filterValue { headers["x-stream-filter-value"] = .string(filterValue) }
        return Delivery(
            consumerTag: "c", deliveryTag: 1, redelivered: false, exchange: "", routingKey: "s", messageCount: nil,
            properties: BasicProperties(headers: headers), body: [])
    }

    @Test("without filter or end every record is taken")
    func everything() {
        let reading = StreamReading()
        #expect(reading.verdict(for: Self.record(0)) == .take(last: false))
        #expect(reading.verdict(for: Self.record(nil, filterValue: "eu")) == .take(last: false))
        #expect(!reading.pastDeadline)
    }

    @Test("--until-offset: the record at the offset is the last taken; one after it ends the read untaken")
    func lastOffset() {
        let reading = StreamReading(lastOffset: 4)
        #expect(reading.verdict(for: Self.record(3)) == .take(last: false))
        #expect(reading.verdict(for: Self.record(4)) == .take(last: true))
        #expect(reading.verdict(for: Self.record(9)) == .beyond, "the offset itself was filtered away")
        #expect(reading.verdict(for: Self.record(nil)) == .take(last: false), "not a stream record")
    }

    @Test("--filter drops what the broker's chunk filter let through; --match-unfiltered keeps records with no value")
    func filter() {
        var reading = StreamReading(filterValues: ["eu", "us"])
        #expect(reading.verdict(for: Self.record(0, filterValue: "eu")) == .take(last: false))
        #expect(reading.verdict(for: Self.record(1, filterValue: "us")) == .take(last: false))
        #expect(reading.verdict(for: Self.record(2, filterValue: "apac")) == .skip(last: false))
        #expect(reading.verdict(for: Self.record(3)) == .skip(last: false))
        reading.matchUnfiltered = true
        #expect(reading.verdict(for: Self.record(3)) == .take(last: false))
        reading.lastOffset = 5
        #expect(reading.verdict(for: Self.record(5, filterValue: "apac")) == .skip(last: true))
    }

    @Test("a deadline passed ends the read by the clock")
    func deadline() {
        #expect(StreamReading(deadline: .after(seconds: -1)).pastDeadline)
        #expect(!StreamReading(deadline: .after(seconds: 60)).pastDeadline)
    }
}
