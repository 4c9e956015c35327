/// How `mq top` writes numbers in narrow cells.
enum TopFormat {
    /// A count as digits when they fit `width`, else shortened with k, M, G (`12.3M`).
    static func count(_ value: Int64, width: Int) -> String {
        let digits = String(value)
        guard digits.count > width else { return digits }
        return shortened(Double(value), units: ["", "k", "M", "G", "T"], step: 1000)
    }

    /// A rate per second with one decimal, shortened like a count when it is large.
    static func rate(_ value: Double, width: Int) -> String {
        let text = oneDecimal(value)
        guard text.count > width else { return text }
        return shortened(value, units: ["", "k", "M", "G", "T"], step: 1000)
    }

    /// Bytes in binary units: `512B`, `120.3MiB`, `6.2GiB`.
    static func bytes(_ value: Int64) -> String {
        shortened(Double(value), units: ["B", "KiB", "MiB", "GiB", "TiB", "PiB"], step: 1024)
    }

    private static func shortened(_ value: Double, units: [String], step: Double) -> String {
        var scaled = value
        var unit = 0
        while abs(scaled) >= step, unit < units.count - 1 {
            scaled /= step
            unit += 1
        }
        return (unit == 0 ? String(Int64(scaled.rounded())) : oneDecimal(scaled)) + units[unit]
    }

    /// `value` with one decimal, without Foundation: `12.4`, `0.0`.
    static func oneDecimal(_ value: Double) -> String {
        guard value.isFinite else { return "-" }
        let tenths = Int64((abs(value) * 10).rounded())
        return (value < 0 && tenths > 0 ? "-" : "") + "\(tenths / 10).\(tenths % 10)"
    }
}
