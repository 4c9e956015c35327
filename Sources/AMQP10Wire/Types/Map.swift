/// An AMQP map (spec 1.6.23) with its entries kept in order, so the same map encodes to the same
/// bytes every time; lookups walk the entries, which are few (annotations, properties).
public struct Map: Hashable, Sendable, ExpressibleByDictionaryLiteral {
    /// One key and its value.
    public struct Entry: Hashable, Sendable {
        /// The key.
        public var key: Value
        /// The value.
        public var value: Value

        /// The entry `key: value`.
        public init(key: Value, value: Value) {
            self.key = key
            self.value = value
        }
    }

    /// The entries, in the order they were added or decoded.
    public var entries: [Entry]

    /// A map of `entries`, in their order.
    public init(_ entries: [Entry] = []) { self.entries = entries }

    /// A map of the literal's pairs, in their order.
    public init(dictionaryLiteral elements: (Value, Value)...) {
        entries = elements.map { Entry(key: $0.0, value: $0.1) }
    }

    /// How many entries the map holds.
    public var count: Int { entries.count }

    /// True when the map holds no entries.
    public var isEmpty: Bool { entries.isEmpty }

    /// The value of the first entry whose key is `key`; setting replaces it in place or appends.
    public subscript(key: Value) -> Value? {
        get { entries.first { $0.key == key }?.value }
        set {
            let index = entries.firstIndex { $0.key == key }
            switch (index, newValue) {
            case (let index?, let value?): entries[index].value = value
            case (let index?, nil): entries.remove(at: index)
            case (nil, let value?): entries.append(Entry(key: key, value: value))
            case (nil, nil): break
            }
        }
    }

    /// The value under the symbol key `key` (annotations and fields are keyed by symbols).
    public subscript(symbol key: Symbol) -> Value? {
        get { self[.symbol(key)] }
        set { self[.symbol(key)] = newValue }
    }
}
