/// The open channels of a connection, by number: an array indexed by channel number, because
/// numbers are small and handed out lowest first, and every incoming frame looks its channel up.
struct ChannelTable {
    private var states: [ChannelState?] = []

    subscript(number: UInt16) -> ChannelState? {
        get { Int(number) < states.count ? states[Int(number)] : nil }
        set {
            let index = Int(number)
            if index >= states.count {
                guard newValue != nil else { return }
                states.append(contentsOf: repeatElement(nil, count: index + 1 - states.count))
            }
            states[index] = newValue
        }
    }
}
