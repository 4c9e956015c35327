/// A key pressed in `mq top`, decoded from the bytes a terminal sends for it.
public enum KeyPress: Hashable, Sendable {
    case character(Character)
    case enter
    case escape
    case backspace
    case left, right, up, down
    /// Ctrl-C read as a byte (when the terminal does not turn it into SIGINT).
    case interrupt
    /// An escape sequence mq has no use for (a function key, say), swallowed whole.
    case unknown

    /// Decodes the keys in `bytes`, one read's worth. A lone ESC at the very end is the Escape
    /// key (a terminal sends an arrow's sequence in one write); an incomplete UTF-8 character at
    /// the end is left in `bytes` for the next read.
    public static func decode(_ bytes: inout [UInt8]) -> [KeyPress] {
        var keys: [KeyPress] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x1B:
                let (key, length) = escapeSequence(bytes[(index + 1)...])
                keys.append(key)
                index += 1 + length
            case 0x0D, 0x0A:
                keys.append(.enter)
                index += 1
            case 0x7F, 0x08:
                keys.append(.backspace)
                index += 1
            case 0x03:
                keys.append(.interrupt)
                index += 1
            case 0x00..<0x20:
                keys.append(.unknown)
                index += 1
            default:
                let length = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                guard index + length <= bytes.count else {
                    bytes.removeFirst(index)
                    return keys
                }
                let text = String(decoding: bytes[index..<(index + length)], as: UTF8.self)
                keys.append(text.first.map(KeyPress.character) ?? .unknown)
                index += length
            }
        }
        bytes.removeAll()
        return keys
    }

    /// The key of the bytes after an ESC, and how many of them it took: `[` or `O` then
    /// parameters and a final byte (CSI and SS3, as arrows are sent in normal and application
    /// mode); anything else leaves ESC alone as the Escape key.
    private static func escapeSequence(_ rest: ArraySlice<UInt8>) -> (KeyPress, Int) {
        guard let introducer = rest.first, introducer == UInt8(ascii: "[") || introducer == UInt8(ascii: "O") else {
            return (.escape, 0)
        }
        var length = 1
        for byte in rest.dropFirst() {
            length += 1
            guard (0x40...0x7E).contains(byte) else { continue }
            switch byte {
            case UInt8(ascii: "A"): return (.up, length)
            case UInt8(ascii: "B"): return (.down, length)
            case UInt8(ascii: "C"): return (.right, length)
            case UInt8(ascii: "D"): return (.left, length)
            default: return (.unknown, length)
            }
        }
        return (.unknown, length)
    }
}
