import AMQP

/// libFuzzer target: the AMQP URI parser (RabbitMQ's URI spec), which reads `--url`, `MQ_URL`
/// and profiles.
///
/// The input is the URI's text, with invalid UTF-8 repaired as `CommandLine.arguments` does.
/// Settings it accepts must describe themselves as a redacted URI without trapping.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzURI(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let text = String(decoding: bytes, as: UTF8.self)
    guard let settings = try? ConnectionSettings(uri: text) else { return 0 }
    _ = settings.redactedURI
    return 0
}
