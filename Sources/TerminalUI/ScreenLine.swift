/// One line of a full-screen frame: runs of text, each with a style, rendered to exactly the
/// screen's width (cut with `…` or padded with spaces).
///
/// Widths count characters: names in scripts whose characters take two cells may run past the
/// edge, which the terminal then cuts.
public struct ScreenLine: Hashable, Sendable {
    /// How a run of text looks when colour is on.
    public enum Style: Hashable, Sendable {
        case plain
        case bold
        /// Reverse video: the table's header row.
        case inverse
        /// Bold red: alarms.
        case alarm
        /// Faint: hints.
        case faint

        /// The SGR sequence that turns the style on.
        public var sequence: String {
            switch self {
            case .plain: ""
            case .bold: "\u{1B}[1m"
            case .inverse: "\u{1B}[7m"
            case .alarm: "\u{1B}[1;31m"
            case .faint: "\u{1B}[2m"
            }
        }
    }

    /// A run of text in one style.
    public struct Run: Hashable, Sendable {
        public var text: String
        public var style: Style
    }

    public var runs: [Run] = []

    public init(_ runs: [Run] = []) { self.runs = runs }

    public init(_ text: String, _ style: Style = .plain) { runs = [Run(text: text, style: style)] }

    /// Appends `text` in `style`.
    public mutating func append(_ text: String, _ style: Style = .plain) { runs.append(Run(text: text, style: style)) }

    /// The characters shown, without styles.
    public var plainText: String { runs.map(\.text).joined() }

    /// The line exactly `width` characters wide; with `color`, styled with SGR sequences, each run
    /// reset after itself.
    public func rendered(width: Int, color: Bool) -> String {
        var text = ""
        var left = width
        for run in runs where left > 0 && !run.text.isEmpty {
            let piece = Self.cut(Self.printable(run.text), to: left)
            left -= piece.count
            text += color && run.style != .plain ? run.style.sequence + piece + "\u{1B}[0m" : piece
        }
        return text + String(repeating: " ", count: left)
    }

    /// `text` with each control character (C0, DEL, C1) shown as `?`: a queue name must not move
    /// the cursor or send the terminal a command.
    public static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = ""
        for scalar in text.unicodeScalars { result.unicodeScalars.append(isControl(scalar) ? "?" : scalar) }
        return result
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// `text` fitted to `width`: cut with `…` when longer, padded (on the left when `right`).
    public static func fit(_ text: String, _ width: Int, right: Bool = false) -> String {
        guard width > 0 else { return "" }
        if text.count > width { return cut(text, to: width) }
        let padding = String(repeating: " ", count: width - text.count)
        return right ? padding + text : text + padding
    }

    /// `text` cut to `width` characters, the last one `…`.
    public static func cut(_ text: String, to width: Int) -> String {
        guard text.count > width else { return text }
        guard width > 0 else { return "" }
        return String(text.prefix(width - 1)) + "…"
    }
}
