import AMQPWire

/// A message arriving in pieces (spec 4.2.6): the method that starts it (`basic.deliver`,
/// `basic.get-ok` or `basic.return`), its content header, then body frames until the header's
/// size is reached. Fed one piece at a time; no I/O.
struct ContentAssembly {
    /// The method a message's content follows.
    enum Start {
        case deliver(BasicDeliver)
        case getOk(BasicGetOk)
        case returned(BasicReturn)
    }

    /// A message whose every piece has arrived.
    struct Message {
        let start: Start
        let properties: BasicProperties
        let body: [UInt8]
    }

    private var start: Start?
    private var header: ContentHeader?
    private var body: [UInt8] = []

    /// True between the method that starts a message and its last body frame, when no other
    /// method may arrive on the channel.
    var inProgress: Bool { start != nil }

    /// Begins a message with the method its content follows.
    mutating func begin(_ method: consuming Start) { start = method }

    /// Takes the content header; the message if its body is empty.
    mutating func receive(header: ContentHeader, channel: UInt16) throws(ProtocolViolation) -> Message? {
        guard start != nil, self.header == nil else { throw .headerWithoutMethod(channel: channel) }
        self.header = header
        body = []
        return completed()
    }

    /// Takes one body frame; the message if it was the last.
    mutating func receive(body bytes: consuming [UInt8], channel: UInt16) throws(ProtocolViolation) -> Message? {
        guard let header else { throw .bodyWithoutHeader(channel: channel) }
        guard UInt64(body.count + bytes.count) <= header.bodySize else {
            throw .bodyLongerThanHeader(bodySize: header.bodySize, channel: channel)
        }
        if body.isEmpty, UInt64(bytes.count) == header.bodySize {
            body = bytes  // The usual case, one body frame: no copy.
        } else {
            // Spanning frames: room for the whole body once (bounded, the size is the peer's claim).
            if body.isEmpty { body.reserveCapacity(Int(min(header.bodySize, 1 << 26))) }
            body.append(contentsOf: bytes)
        }
        return completed()
    }

    private mutating func completed() -> Message? {
        guard let header, UInt64(body.count) == header.bodySize else { return nil }
        // Moved out, not copied: this runs once for every message.
        let method = start.take()!
        self.header = nil
        var bytes: [UInt8] = []
        swap(&bytes, &body)
        return Message(start: method, properties: header.properties, body: bytes)
    }
}
