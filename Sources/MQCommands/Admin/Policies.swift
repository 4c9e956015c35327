import ArgumentParsing
import JSON
import ManagementAPI

/// `mq declare policy NAME` and `mq delete policy NAME`, in the AMQP settings' vhost.
enum Policies {
    static let name = Argument<String>.required("NAME", help: "the policy")

    static let pattern = Option<String?>.text(
        "pattern", valueName: "REGEX", help: "names of the queues or exchanges it applies to (required)")
    static let applyTo = Option<String>.text(
        "apply-to", value: .suggestions(["queues", "exchanges", "all"]), valueName: "KIND", default: "all",
        help: "queues, exchanges or all")
    static let priority = Option<Int>.integer(
        "priority", range: Int64(Int32.min)...Int64(Int32.max), default: 0,
        help: "the policy with the highest priority wins")
    static let set = Option<[KeyValue]>.repeated(
        "set", valueName: "KEY=VALUE", help: "a key of the definition, e.g. max-length=1000")
    static let setString = Option<[KeyValue]>.repeated(
        "set-string", valueName: "KEY=VALUE", help: "a key of the definition that stays a string")

    static let declareSpec = Command(
        "policy", summary: "Create or replace a policy in the vhost (management API)",
        discussion: """
            The vhost is --vhost, else the one in the broker URI. --set gives the definition a key at \
            a time, typed like --arg: whole numbers and true/false are typed, the rest are strings.
            """,
        arguments: [name],
        options: [pattern, applyTo, priority, set, setString],
        examples: [
            "mq declare policy limits --pattern '^orders\\.' --apply-to queues --set max-length=10000 --set "
                + "overflow=reject-publish",
            "mq declare policy dlx --pattern '.*' --set dead-letter-exchange=dlx --priority 1",
        ],
        rules: [
            .required(pattern, message: "a policy needs --pattern REGEX"),
            .oneOf([.init(set), .init(setString)], message: "a policy needs a definition: --set KEY=VALUE"),
        ],
        action: CommandHandler(declare))

    static let deleteSpec = Command(
        "policy", summary: "Delete a policy from the vhost (management API)",
        arguments: [name],
        examples: ["mq delete policy limits"], action: CommandHandler(delete))

    static func declare(_ invocation: Invocation) throws(Failure) {
        let parsed = invocation.parsed
        let name = parsed[Self.name]
        let pattern = parsed[Self.pattern] ?? ""
        let sets = parsed[set]
        let strings = parsed[setString]
        let vhost = try invocation.settingsVhost()
        let body = JSON.object([
            ("pattern", .string(pattern)), ("apply-to", .string(parsed[applyTo])),
            ("priority", .int(Int64(parsed[priority]))),
            ("definition", MessageJSON.table(TypedValues.table(sets, strings: strings))),
        ])
        try withManagementAPI(invocation) { api throws(APIError) in try api.put(path(name, vhost), body) }
        try invocation.emit(
            text: "policy '\(name)' in vhost '\(vhost)'",
            json: .object([("policy", .string(name)), ("vhost", .string(vhost))]))
    }

    static func delete(_ invocation: Invocation) throws(Failure) {
        let name = invocation.parsed[Self.name]
        let vhost = try invocation.settingsVhost()
        try withManagementAPI(invocation) { api throws(APIError) in try api.delete(path(name, vhost)) }
        try invocation.emit(
            text: "deleted policy '\(name)' in vhost '\(vhost)'",
            json: .object([("policy", .string(name)), ("vhost", .string(vhost))]))
    }

    private static func path(_ name: String, _ vhost: String) -> APIPath {
        APIPath(["policies", vhost, name], resource: "policy '\(name)' in vhost '\(vhost)'")
    }
}
