import Testing

@testable import MQCommands

@Suite("mq top: sorting and filtering at run time")
struct TopControlsTests {
    let queues = [
        QueueRow(name: "orders", ready: 5, publishRate: 2), QueueRow(name: "billing", ready: 50, publishRate: 1),
        QueueRow(name: "orders.eu", ready: 1, publishRate: 3),
    ]

    @Test("< and > (and the arrows) move the sort column among those shown, wrapping; r reverses")
    func sortKeys() {
        var controls = TopControls()
        #expect(controls.handle(.character(">")) == .redraw)
        #expect(controls.sort == .vhost)
        _ = controls.handle(.right)
        #expect(controls.sort == .ready)
        #expect(controls.arrange(queues).map(\.name) == ["orders.eu", "orders", "billing"])
        _ = controls.handle(.character("r"))
        #expect(controls.arrange(queues).map(\.name) == ["billing", "orders", "orders.eu"])
        _ = controls.handle(.left)
        _ = controls.handle(.character("<"))
        #expect(controls.sort == .name)
        _ = controls.handle(.character("<"))
        #expect(controls.sort == .depth, "wraps from the first column to the last")
        let visible: [TopColumn] = [.name, .ready, .publish]
        _ = controls.handle(.character(">"), visible: visible)
        #expect(controls.sort == .name, "a column not shown moves to the first shown")
        _ = controls.handle(.character("<"), visible: visible)
        #expect(controls.sort == .publish)
    }

    @Test("/ types a glob: Enter applies it, Esc cancels, Backspace deletes; Esc clears an applied filter")
    func filter() {
        var controls = TopControls(sort: .name)
        _ = controls.handle(.character("/"))
        for character in "orders*x" { _ = controls.handle(.character(character)) }
        #expect(controls.handle(.backspace) == .redraw)
        #expect(controls.editing == "orders*")
        #expect(controls.handle(.character("q")) == .redraw, "q is a character while typing")
        _ = controls.handle(.backspace)
        _ = controls.handle(.enter)
        #expect(controls.filter == "orders*")
        #expect(controls.editing == nil)
        #expect(controls.arrange(queues).map(\.name) == ["orders", "orders.eu"])
        _ = controls.handle(.character("/"))
        _ = controls.handle(.character("z"))
        _ = controls.handle(.escape)
        #expect(controls.filter == "orders*", "Esc while typing keeps the filter there was")
        _ = controls.handle(.escape)
        #expect(controls.filter == nil)
        #expect(controls.arrange(queues).count == 3)
    }

    @Test("q quits, Ctrl-C as a byte interrupts, other keys do nothing")
    func quitting() {
        var controls = TopControls()
        #expect(controls.handle(.character("x")) == .none)
        #expect(controls.handle(.up) == .none)
        #expect(controls.handle(.interrupt) == .interrupt)
        #expect(controls.handle(.character("q")) == .quit)
    }

    @Test("ties keep the API's order, in either direction")
    func stable() {
        let same = [QueueRow(name: "b"), QueueRow(name: "a"), QueueRow(name: "c")]
        #expect(TopControls(sort: .ready).arrange(same).map(\.name) == ["b", "a", "c"])
        #expect(TopControls(sort: .ready, reverse: true).arrange(same).map(\.name) == ["b", "a", "c"])
    }
}
