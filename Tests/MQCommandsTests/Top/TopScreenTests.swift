import TerminalUI
import Testing

@testable import MQCommands

@Suite("mq top: a frame of exactly the terminal's size")
struct TopScreenTests {
    func content(_ queues: [QueueRow], controls: TopControls = TopControls()) -> TopScreen.Content {
        let broker = BrokerSummary(
            version: "3.13.7", cluster: "rabbit@h", connections: 2, channels: 3,
            nodes: [
                NodeHealth(
                    name: "rabbit@h", memoryUsed: 150 << 20, memoryLimit: 6 << 30, memoryAlarm: false,
                    diskFree: 40 << 30, diskFreeLimit: 50 << 20,
                    diskAlarm: true)
            ])
        var history = DepthHistory()
        for depth in [1, 4, 9] {
            history.record(queues.map { QueueRow(name: $0.name, vhost: $0.vhost, ready: $0.ready * Int64(depth)) })
        }
        return TopScreen.Content(
            snapshot: TopSnapshot(broker: broker, queues: queues), queues: controls.arrange(queues), history: history,
            controls: controls,
            interval: 2, clock: "12:00:00")
    }

    @Test("at 80x24 and 200x50 every line is exactly as wide as the screen, and there are exactly as many")
    func size() {
        let queues = (1...100).map { QueueRow(name: "queue-\($0)", ready: Int64($0)) }
        for (width, height) in [(80, 24), (200, 50), (40, 10)] {
            let lines = TopScreen(width: width, height: height, color: false).lines(content(queues))
            #expect(lines.count == height)
            for line in lines { #expect(line.rendered(width: width, color: false).count == width) }
            #expect(lines.last?.plainText.contains("more below") == true)
        }
        let frame = TopScreen(width: 80, height: 24, color: false).frame(content(queues))
        #expect(frame.hasPrefix("\u{1B}[H"))
        #expect(frame.split(separator: "\r\n", omittingEmptySubsequences: false).count == 24)
        #expect(!frame.hasSuffix("\n"))
    }

    @Test("the header names the version, totals and alarms; the sort column is marked; long names end in …")
    func text() {
        let long = String(repeating: "n", count: 100)
        let lines = TopScreen(width: 80, height: 24, color: false).lines(
            content([QueueRow(name: long, ready: 3), QueueRow(name: "short")]))
        let text = lines.map(\.plainText)
        #expect(text[0].hasPrefix("mq top · RabbitMQ 3.13.7 · rabbit@h"))
        #expect(text[0].hasSuffix("12:00:00 every 2s"))
        #expect(text[1].hasPrefix("connections 2  channels 3  queues 2"))
        #expect(text[2].hasPrefix("rabbit@h  DISK ALARM  mem 150.0MiB/6.0GiB  disk free 40.0GiB"))
        #expect(text[3].hasPrefix("name▲"))
        #expect(text[4].hasPrefix(String(repeating: "n", count: 20) + "… "), "the spare width goes to the names first")
        #expect(text[4].hasSuffix("▂▄█"))
        #expect(text[5].hasPrefix("short "))
        #expect(text[23].hasPrefix("q quit"))
    }

    @Test("colour only when asked: the header row inverse, alarms red")
    func color() {
        let queues = [QueueRow(name: "a")]
        let plain = TopScreen(width: 80, height: 24, color: false).frame(content(queues))
        #expect(!plain.dropFirst(3).contains("\u{1B}"))
        let colored = TopScreen(width: 80, height: 24, color: true).frame(content(queues))
        #expect(colored.contains("\u{1B}[7mname▲"))
        #expect(colored.contains("\u{1B}[1;31mDISK ALARM"))
    }

    @Test("the filter being typed shows on the last line; an applied one, and the reverse order, show too")
    func footer() {
        var controls = TopControls(sort: .ready, reverse: true, filter: "a*")
        var lines = TopScreen(width: 80, height: 24, color: false).lines(
            content([QueueRow(name: "a"), QueueRow(name: "b")], controls: controls))
        #expect(lines[23].plainText.contains("filter 'a*'"))
        #expect(lines[3].plainText.contains("ready▼"))
        #expect(lines[1].plainText.contains("queues 2 (1 shown)"))
        _ = controls.handle(.character("/"))
        _ = controls.handle(.character("x"))
        lines = TopScreen(width: 80, height: 24, color: false).lines(content([QueueRow(name: "a")], controls: controls))
        #expect(lines[23].plainText.hasPrefix("filter (glob, Enter applies, Esc cancels): a*x▏"))
    }

    @Test("while the API is unreachable the last line says so first, its reason cut short to fit; the keys give way")
    func unreachable() {
        let reason = "cannot connect to localhost:15672: Connection refused"
        var content = content([QueueRow(name: "a")])
        content.unreachable = reason
        let wide = TopScreen(width: 120, height: 24, color: false).lines(content)
        #expect(wide[23].plainText == "API unreachable (\(reason)), retrying  q quit  / filter  < > sort  r reverse")
        #expect(wide[4].plainText.hasPrefix("a "), "the last snapshot stays")
        let status = TopScreen(width: 60, height: 24, color: false).lines(content)[23].rendered(width: 60, color: false)
        #expect(status == "API unreachable (cannot connect to localhost:156…), retrying")
        #expect(status.count == 60)
        for width in [20, 40, 80] {
            let line = TopScreen(width: width, height: 24, color: false).lines(content)[23].rendered(
                width: width, color: false)
            #expect(line.count == width)
            #expect(line.hasPrefix("API unreachable"))
        }
        let colored = TopScreen(width: 80, height: 24, color: true).frame(content)
        #expect(colored.contains("\u{1B}[1;31mAPI unreachable ("))
    }

    @Test("control characters in a name show as ?, so a queue name cannot command the terminal")
    func controlCharacters() {
        let line = ScreenLine("evil\u{1B}[2Jname\u{9B}x\u{7F}\t")
        #expect(line.rendered(width: 20, color: false) == "evil?[2Jname?x??    ")
        #expect(ScreenLine.printable("ação ▁") == "ação ▁")
    }

    @Test("intervals as the header writes them")
    func intervals() {
        #expect(TopScreen.seconds(2) == "2s")
        #expect(TopScreen.seconds(0.5) == "500ms")
        #expect(TopScreen.seconds(1.5) == "1.5s")
        #expect(TopFormat.count(123_456_789, width: 8) == "123.5M")
        #expect(TopFormat.count(1234, width: 8) == "1234")
        #expect(TopFormat.rate(0.04, width: 9) == "0.0")
        #expect(TopFormat.bytes(512) == "512B")
    }
}
