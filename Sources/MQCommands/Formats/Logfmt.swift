/// `key=value` pairs on one line (logfmt), for lines people read and `grep`/`awk` can split.
enum Logfmt {
    /// `value` as it goes after `key=`: bare when it is a plain word, else in double quotes with
    /// `"` and `\` escaped, and every control character written as `\n`, `\t`, `\r` or `\xNN`,
    /// so a value never breaks the line or sends the terminal an escape sequence.
    static func value(_ text: String) -> String {
        let plain =
            !text.isEmpty
            && text.unicodeScalars.allSatisfy {
                $0.value > 0x20 && $0 != "\"" && $0 != "=" && $0 != "\\" && $0.value != 0x7F
            }
        guard !plain else { return text }
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16)
                result += "\\x" + (hex.count < 2 ? "0" : "") + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// `key=value` pairs joined by spaces.
    static func line(_ pairs: [(String, String)]) -> String {
        pairs.map { "\($0.0)=\(value($0.1))" }.joined(separator: " ")
    }
}
