/// Each queue's depth (ready plus unacknowledged) over the last samples, drawn as a sparkline.
struct DepthHistory {
    /// The most samples kept per queue.
    static let capacity = 60

    /// The eight block heights, lowest first.
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// Per queue, its samples oldest first (at most `capacity`).
    private var samples: [QueueKey: [Int64]] = [:]

    /// Adds one sample of every queue in `queues`; a queue not among them (deleted, or filtered
    /// out by the API) is forgotten.
    mutating func record(_ queues: [QueueRow]) {
        var next: [QueueKey: [Int64]] = [:]
        for row in queues {
            var ring = samples[row.key] ?? []
            ring.append(row.messages)
            if ring.count > Self.capacity { ring.removeFirst(ring.count - Self.capacity) }
            next[row.key] = ring
        }
        samples = next
    }

    /// The samples of `key`, oldest first.
    func depths(of key: QueueKey) -> [Int64] { samples[key] ?? [] }

    /// The last `width` samples of `key` as blocks scaled from zero to their largest, right-aligned
    /// (older samples the queue does not have yet are blanks).
    func sparkline(of key: QueueKey, width: Int) -> String {
        Self.sparkline(depths(of: key).suffix(width), width: width)
    }

    /// `values` as blocks scaled from zero to their largest, padded on the left to `width`.
    static func sparkline<Values: Collection<Int64>>(_ values: Values, width: Int) -> String {
        let largest = max(values.max() ?? 0, 0)
        let top = Int64(blocks.count - 1)
        let line = values.map { value -> Character in
            guard largest > 0, value > 0 else { return blocks[0] }
            // Any messages at all show above the floor, so an almost empty queue is not mistaken for an empty one.
            return blocks[Int(max(1, (min(value, largest) * top + largest / 2) / largest))]
        }
        return String(repeating: " ", count: max(0, width - line.count)) + String(line.suffix(width))
    }
}
