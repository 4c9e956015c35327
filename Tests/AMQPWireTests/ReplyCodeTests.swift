import AMQPWire
import TestSupport
import Testing

/// Reply codes (spec constants) and the reply code owed for each wire error.
@Suite("Reply codes")
struct ReplyCodeTests {
    /// The spec's reply codes and whether RabbitMQ's JSON classes them as hard (connection) errors.
    static let codes: [(code: UInt16, name: String, hard: Bool)] = [
        (200, "REPLY_SUCCESS", false), (311, "CONTENT_TOO_LARGE", false), (312, "NO_ROUTE", false),
        (313, "NO_CONSUMERS", false), (320, "CONNECTION_FORCED", true), (402, "INVALID_PATH", true),
        (403, "ACCESS_REFUSED", false), (404, "NOT_FOUND", false), (405, "RESOURCE_LOCKED", false),
        (406, "PRECONDITION_FAILED", false), (501, "FRAME_ERROR", true), (502, "SYNTAX_ERROR", true),
        (503, "COMMAND_INVALID", true), (504, "CHANNEL_ERROR", true), (505, "UNEXPECTED_FRAME", true),
        (506, "RESOURCE_ERROR", true), (530, "NOT_ALLOWED", true), (540, "NOT_IMPLEMENTED", true),
        (541, "INTERNAL_ERROR", true),
    ]

    @Test("every spec reply code has its name and soft or hard class")
    func classification() {
        for (code, name, hard) in Self.codes {
            let reply = ReplyCode(rawValue: code)
            #expect(reply.name == name)
            #expect(reply.isConnectionError == hard, "\(name)")
            #expect(reply.description == "\(name) (\(code))")
        }
        #expect(ReplyCode(rawValue: 999).name == "REPLY_999")
    }

    @Test("framing faults owe FRAME_ERROR, content faults SYNTAX_ERROR")
    func wireErrorReplyCodes() {
        let frameErrors: [WireError] = [
            .truncated(.body), .badFrameEnd(0), .unknownFrameType(4), .frameTooLarge(size: 1, max: 0),
            .malformed(.nestedTooDeeply),
        ]
        let syntaxErrors: [WireError] = [
            .unknownMethod(classID: 1, methodID: 1), .unknownFieldType(0x55), .invalidUTF8(.fieldName(nil)),
            .valueTooLong(.property("type"), length: 256),
        ]
        for error in frameErrors { #expect(error.replyCode == .frameError, "\(error)") }
        for error in syntaxErrors { #expect(error.replyCode == .syntaxError, "\(error)") }
    }

    @Test("wire errors describe themselves in one line")
    func descriptions() {
        #expect(WireError.badFrameEnd(0x78).description == "frame does not end with 0xCE (found 0x78)")
        #expect(WireError.unknownMethod(classID: 30, methodID: 10).description == "unknown method 30.10")
        #expect(
            WireError.frameTooLarge(size: 4089, max: 4096).description == "frame of 4089 bytes exceeds frame_max 4096")
    }

    @Test("wire errors name the field, or the fault, as the spec names it", arguments: wireErrorTexts)
    func structuredDescriptions(_ error: WireError, _ text: String) {
        #expect(error.description == text)
    }

    static let wireErrorTexts: [(WireError, String)] = [
        (.truncated(.argument(BasicPublish.id, "routing-key")), "truncated basic.publish routing-key"),
        (.truncated(.methodClassID), "truncated method class id"),
        (.truncated(.contentHeaderBodySize), "truncated content header body size"),
        (.truncated(.fieldTable), "truncated field table"),
        (.truncated(.fieldArrayLength), "truncated array length"),
        (.truncated(.fieldValue(tag: UInt8(ascii: "l"))), "truncated int64 field"),
        (.truncated(.fieldValue(tag: UInt8(ascii: "x"))), "truncated byte array field"),
        (.truncated(.body), "truncated body frame"),
        (.invalidUTF8(.property("content-type")), "content-type is not valid UTF-8"),
        (.invalidUTF8(.fieldName(nil)), "field name is not valid UTF-8"),
        (
            .valueTooLong(.argument(QueueDeclare.id, "queue"), length: 300),
            "queue.declare queue is too long to encode (300 bytes, at most 255)"
        ),
        (
            .valueTooLong(.fieldName(String(repeating: "n", count: 256)), length: 256),
            "field name '\(String(repeating: "n", count: 40))' is too long to encode (256 bytes, at most 255)"
        ),
        (.malformed(.nestedTooDeeply), "field table nested too deeply"),
        (.malformed(.propertyFlags(0x8001)), "property flags 0x8001 name properties the basic class lacks"),
        (.malformed(.heartbeat(channel: 1, size: 0)), "heartbeat frame on channel 1 with 0 payload bytes"),
        (.malformed(.unreadBytes(2, frameType: 2)), "2 unread bytes at the end of a header frame"),
    ]
}
