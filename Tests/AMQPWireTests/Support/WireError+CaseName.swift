import AMQPWire

extension WireError {
    /// The case without its payload, for tests that check which error it is and not its wording.
    var caseName: String {
        switch self {
        case .truncated: "truncated"
        case .badFrameEnd: "badFrameEnd"
        case .unknownFrameType: "unknownFrameType"
        case .frameTooLarge: "frameTooLarge"
        case .unknownMethod: "unknownMethod"
        case .unknownFieldType: "unknownFieldType"
        case .invalidUTF8: "invalidUTF8"
        case .valueTooLong: "valueTooLong"
        case .malformed: "malformed"
        }
    }
}
