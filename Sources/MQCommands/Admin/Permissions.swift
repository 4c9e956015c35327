import ArgumentParsing
import JSON
import ManagementAPI

/// `mq declare permission USER` and `mq delete permission USER`, in the AMQP settings' vhost.
enum Permissions {
    static let user = Argument<String>.required("USER", help: "the user")

    /// The three permissions, each a regular expression of resource names, named as the API names them.
    static let kinds = [
        Option<String>.text(
            "configure", valueName: "REGEX", default: ".*", help: "resources the user may declare and delete"),
        Option<String>.text(
            "write", valueName: "REGEX", default: ".*", help: "resources the user may publish to or bind from"),
        Option<String>.text(
            "read", valueName: "REGEX", default: ".*", help: "resources the user may consume from or bind to"),
    ]

    static let declareSpec = Command(
        "permission", summary: "Grant a user permissions in the vhost (management API)",
        discussion:
            "The vhost is --vhost, else the one in the broker URI. Each permission is a regular expression of resource "
            + "names.",
        arguments: [user],
        options: kinds,
        examples: [
            "mq declare permission app --vhost staging", "mq declare permission monitor --configure '^$' --write '^$'",
        ],
        action: CommandHandler(declare))

    static let deleteSpec = Command(
        "permission", summary: "Revoke a user's permissions in the vhost (management API)",
        arguments: [user],
        examples: ["mq delete permission app --vhost staging"], action: CommandHandler(delete))

    static func declare(_ invocation: Invocation) throws(Failure) {
        let parsed = invocation.parsed
        let user = parsed[Self.user]
        let vhost = try invocation.settingsVhost()
        let body = JSON.object(kinds.map { ($0.spec.name, .string(parsed[$0])) })
        try withManagementAPI(invocation) { api throws(APIError) in try api.put(path(user, vhost), body) }
        try invocation.emit(
            text: "permissions of user '\(user)' in vhost '\(vhost)'",
            json: .object([("user", .string(user)), ("vhost", .string(vhost))]))
    }

    static func delete(_ invocation: Invocation) throws(Failure) {
        let user = invocation.parsed[Self.user]
        let vhost = try invocation.settingsVhost()
        try withManagementAPI(invocation) { api throws(APIError) in try api.delete(path(user, vhost)) }
        try invocation.emit(
            text: "deleted permissions of user '\(user)' in vhost '\(vhost)'",
            json: .object([("user", .string(user)), ("vhost", .string(vhost))]))
    }

    private static func path(_ user: String, _ vhost: String) -> APIPath {
        APIPath(["permissions", vhost, user], resource: "permissions of user '\(user)' in vhost '\(vhost)'")
    }
}
