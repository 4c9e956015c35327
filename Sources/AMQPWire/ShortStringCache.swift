/// Short strings decoded lately, found again by their bytes.
///
/// Every delivery repeats the consumer tag, exchange and routing key of the one before: taking
/// the string from here skips allocating and validating it again. One cache belongs to one
/// connection's reader, which uses it from one thread.
package final class ShortStringCache {
    private var keys: [[UInt8]] = []
    private var strings: [String] = []
    private var nextVictim = 0
    /// The index of the last string found or added: looked at first, since a delivery's names
    /// mostly come in the same order as the one before's.
    private var lastHit = 0
    private let capacity: Int

    /// A cache of the last `capacity` distinct strings.
    package init(capacity: Int = 8) {
        self.capacity = capacity
    }

    /// The string for `bytes`: a remembered one, or the one `make` builds (remembered when not nil).
    func string(for bytes: UnsafeBufferPointer<UInt8>, make: () -> String?) -> String? {
        let count = keys.count
        for offset in 0..<count {
            let index = (lastHit + 1 + offset) % count
            guard keys[index].count == bytes.count, keys[index].withUnsafeBufferPointer({ Self.equal($0, bytes) })
            else { continue }
            lastHit = index
            return strings[index]
        }
        guard let string = make() else { return nil }
        if keys.count < capacity {
            lastHit = keys.count
            keys.append(Array(bytes))
            strings.append(string)
        } else {
            lastHit = nextVictim
            keys[nextVictim] = Array(bytes)
            strings[nextVictim] = string
            nextVictim = (nextVictim + 1) % capacity
        }
        return string
    }

    /// Whether two buffers of the same length hold the same bytes, compared eight at a time.
    private static func equal(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let a = UnsafeRawPointer(left.baseAddress), let b = UnsafeRawPointer(right.baseAddress) else {
            return true
        }
        let count = left.count
        var index = 0
        while index + 8 <= count {
            if a.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                != b.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            {
                return false
            }
            index += 8
        }
        if index < count, count >= 8 {
            // The tail, as the last eight bytes (overlapping those already compared).
            return a.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
                == b.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        }
        while index < count {
            if a.load(fromByteOffset: index, as: UInt8.self) != b.load(fromByteOffset: index, as: UInt8.self) {
                return false
            }
            index += 1
        }
        return true
    }
}
