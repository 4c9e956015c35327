import ArgumentParsing
import ManagementAPI

/// `mq close connection NAME`: closes a client's connection through the management API.
enum Close {
    static let name = Argument<String>.required(
        "NAME", help: "the connection, e.g. '127.0.0.1:50412 -> 127.0.0.1:5672'")

    static let spec = Command(
        "close", summary: "Close a client connection (management API)",
        subcommands: [
            Command(
                "connection", summary: "Close a client connection by the name `mq list connections` shows",
                discussion: "The client sees CONNECTION_FORCED (320) with the reason.",
                arguments: [name],
                options: [reason],
                examples: [
                    "mq close connection '127.0.0.1:50412 -> 127.0.0.1:5672' --reason maintenance",
                    "mq list connections --no-headers --columns name --match '*:5672' | while read -r c; do mq close "
                        + "connection \"$c\"; done",
                ],
                action: CommandHandler(run))
        ])

    static let reason = Option<String?>.text(
        "reason", valueName: "TEXT", help: "why, for the client and the broker's log")

    static func run(_ invocation: Invocation) throws(Failure) {
        let name = invocation.parsed[Self.name]
        // A header value must stay on one line.
        let reason = invocation.parsed[Self.reason].map { String($0.map { $0.isNewline || $0 == "\t" ? " " : $0 }) }
        try withManagementAPI(invocation) { api throws(APIError) in
            try api.delete(
                APIPath(["connections", name], resource: "connection '\(name)'"),
                headers: reason.map { [.init("X-Reason", $0)] } ?? [])
        }
        try invocation.emit(text: "closed connection '\(name)'", json: .object([("connection", .string(name))]))
    }
}
