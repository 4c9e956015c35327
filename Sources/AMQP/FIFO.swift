/// A first-in first-out queue on an array, with O(1) amortised push and pop.
struct FIFO<Element> {
    private var storage: [Element?] = []
    private var head = 0

    var isEmpty: Bool { head == storage.count }
    var count: Int { storage.count - head }

    mutating func push(_ element: consuming Element) { storage.append(element) }

    mutating func pop() -> Element? {
        guard head < storage.count else { return nil }
        defer {
            head += 1
            if head == storage.count {
                storage.removeAll(keepingCapacity: true)
                head = 0
            } else if head >= 1024, head * 2 >= storage.count {
                storage.removeFirst(head)
                head = 0
            }
        }
        return storage[head].take()  // Moved out, not copied: the slot is left nil.
    }

    /// Everything queued, oldest first, in one array; the queue is left empty.
    mutating func popAll() -> [Element] {
        defer {
            storage.removeAll(keepingCapacity: true)
            head = 0
        }
        return storage[head...].map { $0.unsafelyUnwrapped }
    }
}
