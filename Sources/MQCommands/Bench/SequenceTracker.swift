/// What the sequence numbers of one producer's messages say about their delivery: messages
/// missing (gaps), arriving after a later one (out of order), or arriving twice (duplicates).
///
/// A gap counts every number skipped; when a skipped number arrives later it is out of order,
/// not a gap, and a number that arrives again is a duplicate. At most `limit` missing numbers
/// are remembered one by one (about 4 MiB); past that a late one counts as a duplicate.
struct SequenceTracker: Sendable {
    private var next: UInt32?
    private var missing: Set<UInt32> = []
    private var forgotten = 0
    private(set) var outOfOrder = 0
    private(set) var duplicates = 0
    private let limit: Int

    init(limit: Int = 1 << 18) { self.limit = limit }

    /// Numbers still missing.
    var gaps: Int { missing.count + forgotten }

    /// Notes the arrival of `sequence`.
    mutating func saw(_ sequence: UInt32) {
        guard let expected = next else {
            next = sequence &+ 1
            return
        }
        if sequence == expected {
            next = sequence &+ 1
        } else if sequence > expected {
            let skipped = Int(sequence - expected)
            let remembered = Swift.min(skipped, Swift.max(0, limit - missing.count))
            for number in expected..<expected + UInt32(remembered) { missing.insert(number) }
            forgotten += skipped - remembered
            next = sequence &+ 1
        } else if missing.remove(sequence) != nil {
            outOfOrder += 1
        } else {
            duplicates += 1
        }
    }
}
