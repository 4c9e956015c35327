/// The body of an AMQP frame (spec 2.7): one of the nine performatives.
public enum Performative: Hashable, Sendable {
    case open(Open)
    case begin(Begin)
    case attach(Attach)
    case flow(Flow)
    case transfer(Transfer)
    case disposition(Disposition)
    case detach(Detach)
    case end(End)
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
