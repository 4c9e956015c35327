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

    /// Takes the content header; true when the message is complete (its body is empty), for
    /// `finish()` to take.
    mutating func receive(header: ContentHeader, channel: UInt16) throws(ProtocolViolation) -> Bool {
        guard start != nil, self.header == nil else { throw .headerWithoutMethod(channel: channel) }
        self.header = header
        body = []
        return header.bodySize == 0
    }

    /// Takes one body frame; true when it was the last, for `finish()` to take the message.
    mutating func receive(body bytes: consuming [UInt8], channel: UInt16) throws(ProtocolViolation) -> Bool {
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
        return UInt64(body.count) == header.bodySize
    }

    /// The complete message, moved out (not copied: this runs once for every message); only
    /// after a `receive` said it is complete. (Returning it from `receive` as an optional made
    /// every frame pay for destroying the optional through its generic value witness: 2% more
    /// instructions per consumed message.)
    mutating func finish() -> Message {
        let method = start.take()!
        let properties = header.take()!.properties
        var bytes: [UInt8] = []
        swap(&bytes, &body)
        return Message(start: method, properties: properties, body: bytes)
    }
}
