import ArgumentParsing

/// A number of bytes, written plain (`1048576`) or with a unit: `kB`, `MB`, `GB`, `TB` (powers
/// of 1000) or `KiB`, `MiB`, `GiB`, `TiB` (powers of 1024), e.g. `--max-length-bytes 512MiB`.
struct ByteSize: TextDecodable, Hashable {
    let bytes: Int64

    private static let units: [(suffix: String, scale: Int64)] = [
        ("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30), ("TiB", 1 << 40),
        ("kB", 1_000), ("KB", 1_000), ("MB", 1_000_000), ("GB", 1_000_000_000), ("TB", 1_000_000_000_000), ("B", 1),
    ]

    init(text: String) throws(ValueProblem) {
        let unit = Self.units.first { text.hasSuffix($0.suffix) }
        let digits = text.dropLast(unit?.suffix.count ?? 0)
        guard let number = Int64(digits), number >= 0 else {
            throw ValueProblem("'\(text)' is not a size (bytes, or with a unit: 64kB, 512MiB, 2GB)")
        }
        let (bytes, overflow) = number.multipliedReportingOverflow(by: unit?.scale ?? 1)
        guard !overflow else { throw ValueProblem("'\(text)' is too large") }
        self.bytes = bytes
    }
}
