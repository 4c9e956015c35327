import TerminalUI

/// What the user has asked of `mq top` so far: the sort column and direction, the filter, and
/// the filter being typed. Keys change it; the screen and the snapshot output read it.
struct TopControls: Hashable {
    /// What a key asks the run loop to do.
    enum Effect: Hashable {
        /// Nothing changed.
        case none
        /// Draw again with the new state.
        case redraw
        /// Leave, exit status 0.
        case quit
        /// Leave as SIGINT does (Ctrl-C read as a byte).
        case interrupt
    }

    var sort: TopColumn
    var reverse: Bool
    /// The glob applied, as typed; nil shows every queue.
    var filter: String?
    /// The glob being typed after `/`; nil when not editing.
    var editing: String?

    init(sort: TopColumn = .name, reverse: Bool = false, filter: String? = nil) {
        self.sort = sort
        self.reverse = reverse
        self.filter = filter
    }

    /// Applies one key; the sort keys move among `visible`, the columns on the screen.
    mutating func handle(_ key: KeyPress, visible: [TopColumn] = TopColumn.allCases) -> Effect {
        if let text = editing { return edit(text, key) }
        switch key {
        case .character("q"), .character("Q"): return .quit
        case .interrupt: return .interrupt
        case .character("<"), .character(","), .left: moveSort(by: -1, among: visible)
        case .character(">"), .character("."), .right: moveSort(by: 1, among: visible)
        case .character("r"): reverse.toggle()
        case .character("/"): editing = filter ?? ""
        case .escape where filter != nil: filter = nil
        case .character, .enter, .escape, .backspace, .up, .down, .unknown: return .none
        }
        return .redraw
    }

    /// A key while the filter is being typed: Enter applies it (empty shows everything), Esc
    /// leaves the filter as it was.
    private mutating func edit(_ text: String, _ key: KeyPress) -> Effect {
        switch key {
        case .character(let character): editing = text + String(character)
        case .backspace: editing = String(text.dropLast())
        case .enter:
            filter = text.isEmpty ? nil : text
            editing = nil
        case .escape: editing = nil
        case .interrupt: return .interrupt
        case .left, .right, .up, .down, .unknown: return .none
        }
        return .redraw
    }

    private mutating func moveSort(by step: Int, among columns: [TopColumn]) {
        guard !columns.isEmpty else { return }
        guard let index = columns.firstIndex(of: sort) else {
            sort = columns[0]
            return
        }
        sort = columns[(index + step + columns.count) % columns.count]
    }

    /// The queues the filter keeps, in the sort order (ties keep the API's order).
    func arrange(_ queues: [QueueRow]) -> [QueueRow] {
        let glob = filter.map(Glob.init)
        let kept = queues.enumerated().filter { glob?.matches($0.element.name) ?? true }
        return kept.sorted { a, b in
            if sort.precedes(a.element, b.element) { return !reverse }
            if sort.precedes(b.element, a.element) { return reverse }
            return a.offset < b.offset
        }.map(\.element)
    }
}
