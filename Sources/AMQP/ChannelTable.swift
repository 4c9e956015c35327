/// The open channels of a connection, by number: an array indexed by channel number, because
/// numbers are small and handed out lowest first, and every incoming frame looks its channel up.
struct ChannelTable {
    private var cells: [ChannelCell?] = []

    subscript(number: UInt16) -> ChannelCell? {
        Int(number) < cells.count ? cells[Int(number)] : nil
    }

    /// The lowest number from 1 to `limit` no channel has.
    func firstFree(upTo limit: UInt16) -> UInt16? { (1...limit).first { self[$0] == nil } }

    /// Puts a channel's cell in the table under its number, which no channel may have.
    mutating func add(_ cell: ChannelCell) {
        let index = Int(cell.machine.number)
        if index >= cells.count { cells.append(contentsOf: repeatElement(nil, count: index + 1 - cells.count)) }
        cells[index] = cell
    }

    /// Takes channel `number` out of the table, freeing the number.
    mutating func remove(_ number: UInt16) {
        if Int(number) < cells.count { cells[Int(number)] = nil }
    }
}
