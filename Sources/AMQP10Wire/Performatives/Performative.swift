/// The body of an AMQP frame (spec 2.7): one of the nine performatives.
public enum Performative: Hashable, Sendable {
    /// `open` (0x10): connection parameters.
    case open(Open)
    /// `begin` (0x11): a session starts on the frame's channel.
    case begin(Begin)
    /// `attach` (0x12): a link starts on the session.
    case attach(Attach)
    /// `flow` (0x13): session windows and a link's credit.
    case flow(Flow)
    /// `transfer` (0x14): a message, or a part of one, follows as the frame's payload.
    case transfer(Transfer)
    /// `disposition` (0x15): deliveries' states and settlement.
    case disposition(Disposition)
    /// `detach` (0x16): a link ends, perhaps with an error.
    case detach(Detach)
    /// `end` (0x17): the session ends, perhaps with an error.
    case end(End)
    /// `close` (0x18): the connection closes, perhaps with an error.
    case close(Close)

    /// Reads the performative `value` describes; throws `unknownDescriptor` for any other.
    public init(_ value: Value) throws(WireError) {
        guard case .described(let descriptor, let body) = value else {
            throw .unexpected(value, in: .performative, expected: "performative")
        }
        switch descriptor {
        case _ where Open.isDescribed(by: descriptor): self = .open(try Open(described: body, .performative))
        case _ where Begin.isDescribed(by: descriptor): self = .begin(try Begin(described: body, .performative))
        case _ where Attach.isDescribed(by: descriptor): self = .attach(try Attach(described: body, .performative))
        case _ where Flow.isDescribed(by: descriptor): self = .flow(try Flow(described: body, .performative))
        case _ where Transfer.isDescribed(by: descriptor):
            self = .transfer(try Transfer(described: body, .performative))
        case _ where Disposition.isDescribed(by: descriptor):
            self = .disposition(try Disposition(described: body, .performative))
        case _ where Detach.isDescribed(by: descriptor): self = .detach(try Detach(described: body, .performative))
        case _ where End.isDescribed(by: descriptor): self = .end(try End(described: body, .performative))
        case _ where Close.isDescribed(by: descriptor): self = .close(try Close(described: body, .performative))
        default: throw .unknownDescriptor(descriptor, .performative)
        }
    }

    /// The described list this performative is written as.
    public var value: Value {
        switch self {
        case .open(let open): open.fieldValue
        case .begin(let begin): begin.fieldValue
        case .attach(let attach): attach.fieldValue
        case .flow(let flow): flow.fieldValue
        case .transfer(let transfer): transfer.fieldValue
        case .disposition(let disposition): disposition.fieldValue
        case .detach(let detach): detach.fieldValue
        case .end(let end): end.fieldValue
        case .close(let close): close.fieldValue
        }
    }
}
