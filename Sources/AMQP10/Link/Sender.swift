import AMQP10Wire
import Transport

/// A link that sends messages unsettled and collects their outcomes, the way a 0-9-1 channel in
/// confirm mode collects acks and nacks.
public final class Sender {
    private let connection: AMQP10Connection
    private let handle: UInt32
    /// The address the link sends to.
    public let address: String
    /// The most messages awaiting an outcome; `send` waits for outcomes beyond it.
    public let confirmWindow: Int

    init(connection: AMQP10Connection, handle: UInt32, address: String, confirmWindow: Int) {
        self.connection = connection
        self.handle = handle
        self.address = address
        self.confirmWindow = max(1, confirmWindow)
    }

    /// How many sent messages await an outcome.
    public var unsettledCount: Int { connection.session.sender(handle)?.unsettled.count ?? 0 }

    /// Sends `message` and returns its delivery id. Returns at once while credit, the session
    /// window and `confirmWindow` allow; otherwise reads frames until they do or `deadline` passes.
    ///
    /// The frames are buffered: they go out with the next wait (`waitForOutcomes`, a blocked
    /// `send`, any receiver's wait), `flush()`, or once 256 KB are buffered.
    public func send(_ message: Message, deadline: Deadline) throws(AMQP10Error) -> UInt32 {
        var writer = ByteWriter(capacity: 256)
        do throws(WireError) { try message.encode(to: &writer) } catch { throw .unencodable(error) }
        return try send(payload: writer.bytes, deadline: deadline)
    }

    /// Sends a message already encoded as its sections.
    public func send(payload: [UInt8], deadline: Deadline) throws(AMQP10Error) -> UInt32 {
        while true {
            try connection.checkLink(handle: handle, address: address)
            if unsettledCount < confirmWindow {
                let result = connection.session.send(handle: handle, payload: payload)
                switch result {
                case .sent(let deliveryID, let frames):
                    try connection.send(frames)
                    return deliveryID
                case .noCredit, .windowFull: break
                }
            }
            let ready = try connection.wait(until: deadline) { () throws(AMQP10Error) -> Bool in
                try connection.checkLink(handle: handle, address: address)
                return unsettledCount < confirmWindow
                    && connection.session.canSend(handle: handle, payloadCount: payload.count)
            }
            guard ready else {
                let waitingForCredit = connection.session.sender(handle).map { $0.credit == 0 } ?? false
                throw .timedOut(waitingForCredit ? .credit(address: address) : .outcomes(address: address))
            }
        }
    }

    /// Writes the messages buffered so far.
    public func flush() throws(AMQP10Error) { try connection.flush() }

    /// Takes the outcomes that arrived so far, oldest first, without waiting.
    public func takeOutcomes() -> [DeliveryOutcome] {
        connection.session.takeOutcomes(handle: handle).map { DeliveryOutcome(deliveryID: $0.0, outcome: $0.1) }
    }

    /// Writes what `send` buffered, then reads frames until at most `limit` messages await an
    /// outcome (0: all have one); false when `deadline` passes first. The outcomes then wait in
    /// `takeOutcomes()`.
    public func waitForOutcomes(atMost limit: Int = 0, deadline: Deadline) throws(AMQP10Error) -> Bool {
        try connection.flush()
        return try connection.wait(until: deadline) { () throws(AMQP10Error) -> Bool in
            try connection.checkLink(handle: handle, address: address)
            return unsettledCount <= limit
        }
    }

    /// Detaches the link (closing it) and waits for the peer's detach until `deadline`.
    public func close(deadline: Deadline = .after(seconds: 5)) throws(AMQP10Error) {
        try connection.detach(handle: handle, deadline: deadline)
    }
}
