/// The channels of a connection, by number: an array indexed by channel number, because numbers
/// are small and handed out lowest first, and every incoming frame looks its channel up.
///
/// The machines are read and changed where they lie (no optional to unwrap, which would copy a
/// machine on every read): a delivery passes through its channel's queues without copying them.
/// A number no channel has holds an unused placeholder.
struct ChannelTable {
    private var machines: [ChannelMachine] = []
    private var used: [Bool] = []

    /// The machine of channel `number`, which must be in the table (`contains`).
    subscript(number: UInt16) -> ChannelMachine {
        _read { yield machines[Int(number)] }
        _modify { yield &machines[Int(number)] }
    }

    /// True when a channel has `number`.
    func contains(_ number: UInt16) -> Bool { Int(number) < used.count && used[Int(number)] }

    /// The lowest number from 1 to `limit` no channel has.
    func firstFree(upTo limit: UInt16) -> UInt16? { (1...limit).first { !contains($0) } }

    /// Puts `machine` in the table under its number, which no channel may have.
    mutating func add(_ machine: ChannelMachine) {
        let index = Int(machine.number)
        while machines.count <= index {
            machines.append(ChannelMachine(number: UInt16(machines.count)))
            used.append(false)
        }
        machines[index] = machine
        used[index] = true
    }

    /// Takes the machine of channel `number` out of the table, freeing the number.
    mutating func remove(_ number: UInt16) -> ChannelMachine? {
        guard contains(number) else { return nil }
        used[Int(number)] = false
        var placeholder = ChannelMachine(number: number)
        swap(&placeholder, &machines[Int(number)])
        return placeholder
    }
}
