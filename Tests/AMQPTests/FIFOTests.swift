import Testing

@testable import AMQP

@Suite("FIFO queue")
struct FIFOTests {
    @Test("elements come out in the order they went in, across growth and wrap-around")
    func order() {
        var queue = FIFO<String>()
        var expected: [String] = []
        var next = 0
        // Uneven rounds of pushes and pops, so the ring wraps and grows with elements inside.
        for round in 1...40 {
            for _ in 0..<(round % 7 + 3) {
                queue.push("m\(next)")
                expected.append("m\(next)")
                next += 1
            }
            for _ in 0..<(round % 5 + 1) {
                #expect(queue.pop() == expected.removeFirst())
            }
            #expect(queue.count == expected.count)
        }
        #expect(queue.popAll() == expected)
        #expect(queue.isEmpty)
        #expect(queue.pop() == nil)
    }

    @Test("popped elements are released, not kept by their slot")
    func releases() {
        final class Token {}
        weak var watched: Token?
        var queue = FIFO<Token>()
        do {
            let token = Token()
            watched = token
            queue.push(token)
            _ = queue.pop()
        }
        #expect(watched == nil)
        #expect(queue.isEmpty)
    }
}
