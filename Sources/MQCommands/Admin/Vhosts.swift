import ArgumentParsing
import JSON
import ManagementAPI

/// `mq declare vhost NAME` and `mq delete vhost NAME`.
enum Vhosts {
    static let name = Argument<String>.required("NAME", help: "the vhost")

    static let description = Option<String?>.text("description", valueName: "TEXT", help: "what the vhost is for")
    static let tags = Option<String?>.text("tags", valueName: "TAGS", help: "comma-separated tags")

    static let declareSpec = Command(
        "vhost", summary: "Create a virtual host, or update its description and tags (management API)",
        arguments: [name],
        options: [description, tags],
        examples: [
            "mq declare vhost staging --description 'staging apps'", "mq declare permission app --vhost staging",
        ],
        action: CommandHandler(declare))

    static let deleteSpec = Command(
        "vhost", summary: "Delete a virtual host and everything in it (management API)",
        arguments: [name],
        examples: ["mq delete vhost staging"], action: CommandHandler(delete))

    static func declare(_ invocation: Invocation) throws(Failure) {
        let name = invocation.parsed[Self.name]
        var body: [(String, JSON)] = []
        if let description = invocation.parsed[description] { body.append(("description", .string(description))) }
        if let tags = invocation.parsed[tags] { body.append(("tags", .string(tags))) }
        try withManagementAPI(invocation) { api throws(APIError) in try api.put(path(name), .object(body)) }
        try invocation.emit(text: "vhost '\(name)'", json: .object([("vhost", .string(name))]))
    }

    static func delete(_ invocation: Invocation) throws(Failure) {
        let name = invocation.parsed[Self.name]
        try withManagementAPI(invocation) { api throws(APIError) in try api.delete(path(name)) }
        try invocation.emit(text: "deleted vhost '\(name)'", json: .object([("vhost", .string(name))]))
    }

    private static func path(_ name: String) -> APIPath { APIPath(["vhosts", name], resource: "vhost '\(name)'") }
}
