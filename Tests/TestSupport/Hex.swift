/// The bytes a test vector spells out: pairs of hex digits, and `'text'` for the UTF-8 bytes of
/// literal text (names read better that way than as hex).
///
/// Spaces, newlines and `|` separate fields and are otherwise ignored, so a vector can be laid out
/// one field at a time: `hex("0032 000a | 0000 | 06 'orders'")`. A digit pair may not straddle a
/// separator. A malformed vector is a mistake in the test, so it stops the run.
public func hex(_ text: String) -> [UInt8] {
    var bytes: [UInt8] = []
    var highNibble: UInt8?
    var literal: String?
    for character in text {
        if var open = literal {
            if character == "'" {
                bytes.append(contentsOf: open.utf8)
                literal = nil
            } else {
                open.append(character)
                literal = open
            }
            continue
        }
        switch character {
        case "'", " ", "\n", "\t", "|":
            precondition(highNibble == nil, "odd number of hex digits before '\(character)' in \"\(text)\"")
            if character == "'" { literal = "" }
        default:
            guard let digit = character.hexDigitValue else {
                preconditionFailure("'\(character)' is not a hex digit in \"\(text)\"")
            }
            if let high = highNibble {
                bytes.append(high << 4 | UInt8(digit))
                highNibble = nil
            } else {
                highNibble = UInt8(digit)
            }
        }
    }
    precondition(literal == nil, "unclosed quote in \"\(text)\"")
    precondition(highNibble == nil, "odd number of hex digits in \"\(text)\"")
    return bytes
}

/// `bytes` as space-separated lowercase hex pairs, for failure messages that can be read beside
/// the vector.
public func hexDump(_ bytes: some Sequence<UInt8>) -> String {
    bytes.map { byte in
        let digits = String(byte, radix: 16)
        return byte < 0x10 ? "0" + digits : digits
    }.joined(separator: " ")
}
