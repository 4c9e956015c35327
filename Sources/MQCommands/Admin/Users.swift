import ArgumentParsing
import JSON
import ManagementAPI

/// `mq declare user NAME` and `mq delete user NAME`.
enum Users {
    static let name = Argument<String>.required("NAME", help: "the user")

    static let tags = Option<String>.text(
        "tags", valueName: "TAGS", default: "", help: "comma-separated tags, e.g. management or administrator")
    static let newPasswordFile = Option<String?>.text(
        "new-password-file", value: .path, valueName: "PATH",
        help: "read the new user's password from the first line of this file")
    static let noPassword = Option<Bool>.flag("no-password", help: "no password: the user cannot log in with one")

    static let declareSpec = Command(
        "user", summary: "Create a user, or replace its password and tags (management API)",
        discussion: """
            The new user's password is never taken on the command line, where ps would show it: \
            it is the first line of --new-password-file PATH, or else of standard input. (The \
            global --password-file is mq's own password for connecting, not the new user's.) \
            --no-password makes a user that cannot log in with a password. A user needs the \
            'management' tag (or monitoring, policymaker, administrator) to use the management API.
            """,
        arguments: [name],
        options: [tags, newPasswordFile, noPassword],
        examples: [
            "mq declare user app --new-password-file app.secret --tags management",
            "printf '%s\\n' \"$APP_PASSWORD\" | mq declare user app",
        ],
        action: CommandHandler(declare))

    static let deleteSpec = Command(
        "user", summary: "Delete a user (management API)",
        arguments: [name],
        examples: ["mq delete user app"], action: CommandHandler(delete))

    static func declare(_ invocation: Invocation) throws(Failure) {
        let parsed = invocation.parsed
        let name = parsed[Self.name]
        var body: [(String, JSON)]
        if parsed[noPassword] {
            body = [("password_hash", .string(""))]
        } else {
            body = [("password", .string(try newPassword(invocation)))]
        }
        body.append(("tags", .string(parsed[tags])))
        try withManagementAPI(invocation) { api throws(APIError) in try api.put(path(name), .object(body)) }
        try invocation.emit(text: "user '\(name)'", json: .object([("user", .string(name))]))
    }

    static func delete(_ invocation: Invocation) throws(Failure) {
        let name = invocation.parsed[Self.name]
        try withManagementAPI(invocation) { api throws(APIError) in try api.delete(path(name)) }
        try invocation.emit(text: "deleted user '\(name)'", json: .object([("user", .string(name))]))
    }

    /// The new user's password: from `--new-password-file`, else the first line of stdin.
    private static func newPassword(_ invocation: Invocation) throws(Failure) -> String {
        if let file = invocation.parsed[newPasswordFile] {
            let password = try GlobalOptions.readPasswordFile(file)
            guard !password.isEmpty else { throw Failure(.input(.emptyPasswordLine(file: file))) }
            return password
        }
        guard !invocation.input.isTerminal else {
            throw Failure(.usage(.noNewPassword))
        }
        guard let line = try invocation.input.readLine(), !line.isEmpty else {
            throw Failure(.input(.noPasswordOnInput))
        }
        return String(decoding: line, as: UTF8.self)
    }

    private static func path(_ name: String) -> APIPath { APIPath(["users", name], resource: "user '\(name)'") }
}
