import Testing

@testable import MQCommands

@Suite("mq top: each queue's depth as a sparkline")
struct DepthHistoryTests {
    @Test("depths scale from zero to the largest, one block each, padded on the left")
    func blocks() {
        #expect(DepthHistory.sparkline([0, 1, 2, 3, 4, 5, 6, 7] as [Int64], width: 8) == "▁▂▃▄▅▆▇█")
        #expect(DepthHistory.sparkline([0, 0, 0] as [Int64], width: 5) == "  ▁▁▁")
        #expect(DepthHistory.sparkline([1, 1000] as [Int64], width: 2) == "▂█", "any messages show above the floor")
        #expect(DepthHistory.sparkline([] as [Int64], width: 3) == "   ")
        #expect(DepthHistory.sparkline([1, 2, 3, 4] as [Int64], width: 2) == "▆█", "only the latest that fit")
    }

    @Test("each queue keeps its own last samples, at most the capacity; a queue that went is forgotten")
    func ring() {
        var history = DepthHistory()
        for depth in 0..<70 {
            history.record([QueueRow(name: "a", ready: Int64(depth)), QueueRow(name: "b", vhost: "v", unacked: 1)])
        }
        let a = QueueKey(vhost: "/", name: "a")
        #expect(history.depths(of: a) == Array(10..<70).map(Int64.init))
        #expect(history.depths(of: QueueKey(vhost: "v", name: "b")).count == DepthHistory.capacity)
        history.record([QueueRow(name: "a", ready: 5)])
        #expect(history.depths(of: QueueKey(vhost: "v", name: "b")).isEmpty)
        #expect(history.sparkline(of: a, width: 3).count == 3)
    }
}
