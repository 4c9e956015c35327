import Testing

@testable import MQCommands

@Suite("mq top: which columns fit the screen")
struct TopLayoutTests {
    /// The characters a layout's columns take, with one space between each.
    private func span(_ layout: TopLayout) -> Int {
        layout.columns.reduce(0) { $0 + $1.width } + layout.columns.count - 1
    }

    @Test("at 80 columns the vhost gives way and the rest spans the width exactly")
    func eighty() {
        let layout = TopLayout(width: 80, longestName: 12)
        #expect(layout.shown == [.name, .ready, .unacked, .consumers, .publish, .deliver, .depth])
        #expect(span(layout) == 80)
        #expect(layout.width(of: .name) == 16)
    }

    @Test("at 200 columns every column shows, names as long as the longest, the sparkline its whole history")
    func twoHundred() {
        let layout = TopLayout(width: 200, longestName: 30)
        #expect(layout.shown == TopColumn.allCases)
        #expect(span(layout) == 200)
        #expect(layout.width(of: .depth) == DepthHistory.capacity)
        #expect(layout.width(of: .vhost) == 24)
        #expect((layout.width(of: .name) ?? 0) >= 30)
    }

    @Test("narrower screens drop columns lowest priority first, down to the name alone")
    func narrow() {
        #expect(TopLayout(width: 60).shown == [.name, .ready, .unacked, .publish, .deliver])
        #expect(TopLayout(width: 30).shown == [.name, .ready])
        #expect(TopLayout(width: 10).shown == [.name])
        #expect(TopLayout(width: 10).width(of: .name) == 10)
        for width in [20, 45, 79, 81, 120] { #expect(span(TopLayout(width: width)) == width, "width \(width)") }
    }
}
