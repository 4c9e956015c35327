/// The body of a SASL frame (spec 5.3.3): one of the five SASL frames, named as the spec names them.
public enum SASLPerformative: Hashable, Sendable {
    /// `sasl-mechanisms` (0x40): what the server offers.
    case saslMechanisms(SASLMechanisms)
    /// `sasl-init` (0x41): the client's choice and initial response.
    case saslInit(SASLInit)
    /// `sasl-challenge` (0x42): the server asks for more.
    case saslChallenge(SASLChallenge)
    /// `sasl-response` (0x43): the client answers.
    case saslResponse(SASLResponse)
    /// `sasl-outcome` (0x44): the exchange's result.
    case saslOutcome(SASLOutcome)

    /// Reads the SASL frame `value` describes; throws `unknownDescriptor` for any other.
    public init(_ value: Value) throws(WireError) {
        guard case .described(let descriptor, let body) = value else {
            throw .unexpected(value, in: .performative, expected: "SASL frame")
        }
        switch descriptor {
        case _ where SASLMechanisms.isDescribed(by: descriptor):
            self = .saslMechanisms(try SASLMechanisms(described: body, .performative))
        case _ where SASLInit.isDescribed(by: descriptor):
            self = .saslInit(try SASLInit(described: body, .performative))
        case _ where SASLChallenge.isDescribed(by: descriptor):
            self = .saslChallenge(try SASLChallenge(described: body, .performative))
        case _ where SASLResponse.isDescribed(by: descriptor):
            self = .saslResponse(try SASLResponse(described: body, .performative))
        case _ where SASLOutcome.isDescribed(by: descriptor):
            self = .saslOutcome(try SASLOutcome(described: body, .performative))
        default: throw .unknownDescriptor(descriptor, .performative)
        }
    }

    /// The described list this SASL frame is written as.
    public var value: Value {
        switch self {
        case .saslMechanisms(let mechanisms): mechanisms.fieldValue
        case .saslInit(let initial): initial.fieldValue
        case .saslChallenge(let challenge): challenge.fieldValue
        case .saslResponse(let response): response.fieldValue
        case .saslOutcome(let outcome): outcome.fieldValue
        }
    }
}
