/// A first-in first-out queue: a ring of slots that doubles when full, so pushing and popping
/// move one element and never shift or clear the others (a delivery passes through one per
/// message).
struct FIFO<Element> {
    private var slots: [Element?] = []
    /// The index of the oldest element.
    private var head = 0
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    mutating func push(_ element: consuming Element) {
        if count == slots.count { grow() }
        slots[(head + count) % slots.count] = element
        count += 1
    }

    mutating func pop() -> Element? {
        guard count > 0 else { return nil }
        let element = slots[head].take()  // Moved out, not copied: the slot is left nil.
        head = (head + 1) % slots.count
        count -= 1
        return element
    }

    /// Everything queued, oldest first, in one array; the queue is left empty.
    mutating func popAll() -> [Element] {
        var all: [Element] = []
        all.reserveCapacity(count)
        while let element = pop() { all.append(element) }
        return all
    }

    /// Twice the slots (at least 16), the elements laid out from the first.
    private mutating func grow() {
        var larger = [Element?](repeating: nil, count: max(16, slots.count * 2))
        for offset in 0..<count {
            larger[offset] = slots[(head + offset) % slots.count].take()
        }
        slots = larger
        head = 0
    }
}
