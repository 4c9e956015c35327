import JSON

/// A column of `mq top`'s queue table, as data: its title, how wide it is, which columns give
/// way first on a narrow screen, and the order it sorts queues in.
enum TopColumn: String, CaseIterable {
    case name, vhost, ready, unacked, consumers, publish, deliver, depth

    /// The header on the screen.
    var title: String {
        switch self {
        case .name, .vhost, .ready, .unacked, .consumers, .depth: rawValue
        case .publish: "publish/s"
        case .deliver: "deliver/s"
        }
    }

    /// The narrowest the column may be; `name` and `depth` grow into spare width.
    var width: Int {
        switch self {
        case .name: 16
        case .vhost: 10
        case .ready, .unacked: 8
        case .consumers, .publish, .deliver: 9
        case .depth: 10
        }
    }

    /// The most the column takes of spare width (nil: as much as there is).
    var widest: Int? {
        switch self {
        case .name: nil
        case .depth: DepthHistory.capacity
        case .vhost: 24
        case .ready, .unacked, .consumers, .publish, .deliver: width
        }
    }

    /// Which columns stay longest on a narrow screen: the lowest goes first.
    var priority: Int {
        switch self {
        case .name: 100
        case .ready: 90
        case .unacked: 80
        case .publish: 70
        case .deliver: 60
        case .consumers: 50
        case .depth: 40
        case .vhost: 30
        }
    }

    /// True for numbers, which are aligned right.
    var isNumeric: Bool { self != .name && self != .vhost && self != .depth }

    /// The key of the snapshot's TSV header and JSON fields (the sparkline is only on screen).
    var field: String? {
        switch self {
        case .name, .vhost, .ready, .unacked, .consumers: rawValue
        case .publish: "publish_rate"
        case .deliver: "deliver_rate"
        case .depth: nil
        }
    }

    /// The columns a snapshot prints.
    static var snapshotColumns: [TopColumn] { allCases.filter { $0.field != nil } }

    /// True when `a` comes before `b` in this column's order (ascending); depth sorts by the
    /// queue's messages now.
    func precedes(_ a: QueueRow, _ b: QueueRow) -> Bool {
        switch self {
        case .name: a.name < b.name
        case .vhost: a.vhost < b.vhost
        case .ready: a.ready < b.ready
        case .unacked: a.unacked < b.unacked
        case .consumers: a.consumers < b.consumers
        case .publish: a.publishRate < b.publishRate
        case .deliver: a.deliverRate < b.deliverRate
        case .depth: a.messages < b.messages
        }
    }
}
