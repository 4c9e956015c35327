import AMQPWire

@testable import AMQP
@testable import MQCommands

/// libFuzzer target: the NDJSON envelope parser behind `mq publish --ndjson`, and the JSON
/// parser under it.
///
/// The input is one line. A message it accepts must encode as a content header (or fail with an
/// error, never a trap), and must survive the round trip through consume's JSON shape: printing
/// it as `consume --format json` would and parsing that again prints the same line.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNDJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    guard let message = try? NDJSONMessage.parse(bytes) else { return 0 }
    var properties = message.properties
    properties.headers = message.headers ?? properties.headers
    var writer = ByteWriter()
    try? ContentHeader(bodySize: UInt64(message.body.count), properties: properties).encode(to: &writer)

    let printed = consumeJSON(message)
    guard let reparsed = try? NDJSONMessage.parse(Array(printed.utf8)) else {
        fatalError("consume's JSON for an accepted line did not parse: \(printed)")
    }
    guard consumeJSON(reparsed) == printed else {
        fatalError("a message changed in a round trip through consume's JSON: \(printed)")
    }
    return 0
}

private func consumeJSON(_ message: NDJSONMessage) -> String {
    var properties = message.properties
    properties.headers = message.headers
    let delivery = Delivery(
        consumerTag: "", deliveryTag: 1, redelivered: false, exchange: message.exchange ?? "",
        routingKey: message.routingKey ?? "", messageCount: nil, properties: properties, body: message.body)
    return MessageJSON.object(delivery).serialized()
}
