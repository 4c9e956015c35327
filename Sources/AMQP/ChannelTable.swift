/// The channels of a connection, by number: an array indexed by channel number, because numbers
/// are small and handed out lowest first, and every incoming frame looks its channel up.
///
/// The machines are changed where they lie (`_modify`): a delivery passes through its channel's
/// queues without copying them.
struct ChannelTable {
    private var machines: [ChannelMachine?] = []

    subscript(number: UInt16) -> ChannelMachine? {
        _read {
            if Int(number) < machines.count { yield machines[Int(number)] } else { yield nil }
        }
        _modify {
            let index = Int(number)
            if index < machines.count {
                yield &machines[index]
            } else {
                var added: ChannelMachine?
                yield &added
                if let added {
                    machines.append(contentsOf: repeatElement(nil, count: index + 1 - machines.count))
                    machines[index] = added
                }
            }
        }
    }

    /// True when a channel has `number`.
    func contains(_ number: UInt16) -> Bool { Int(number) < machines.count && machines[Int(number)] != nil }

    /// The lowest number from 1 to `limit` no channel has.
    func firstFree(upTo limit: UInt16) -> UInt16? { (1...limit).first { !contains($0) } }

    /// Takes the machine of channel `number` out of the table, freeing the number.
    mutating func remove(_ number: UInt16) -> ChannelMachine? {
        guard Int(number) < machines.count else { return nil }
        return machines[Int(number)].take()
    }
}
