import ArgumentParsing
import JSON
import ManagementAPI
import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// `mq export definitions [FILE]` and `mq import definitions FILE`: the broker's topology as the
/// management API's definitions JSON.
enum Definitions {
    static let exportFile = Argument<String?>.optional(
        "FILE", value: .path, help: "where to write them (standard output when absent)")
    static let importFile = Argument<String>.required(
        "FILE", value: .path, help: "a definitions file, as mq export definitions writes")

    static let exportSpec = Command(
        "export", summary: "Export definitions (management API)",
        subcommands: [
            Command(
                "definitions", summary: "Write the broker's definitions JSON to FILE or standard output",
                discussion: """
                    Definitions are users, vhosts, permissions, parameters, policies, queues, \
                    exchanges and bindings (no messages), as RabbitMQ's management API exports them; \
                    with --vhost, only that vhost's queues, exchanges, bindings and policies. The \
                    file is replaced only once the whole export has been written.
                    """,
                arguments: [exportFile],
                examples: [
                    "mq export definitions topology.json",
                    "mq export definitions --vhost staging | jq '.queues[].name'",
                ],
                action: CommandHandler(exportDefinitions))
        ])

    static let importSpec = Command(
        "import", summary: "Import definitions (management API)",
        subcommands: [
            Command(
                "definitions", summary: "Create the objects in a definitions JSON file",
                discussion: """
                    Objects that exist are updated, others are created; nothing is deleted. With \
                    --vhost, the file's objects go into that vhost (which must exist). FILE '-' reads \
                    standard input.
                    """,
                arguments: [importFile],
                examples: [
                    "mq import definitions topology.json", "mq import definitions --vhost staging staging.json",
                ],
                action: CommandHandler(importDefinitions))
        ])

    /// `mq export definitions [FILE]`.
    static func exportDefinitions(_ invocation: Invocation) throws(Failure) {
        var bytes = try withManagementAPI(invocation) { api throws(APIError) in try api.getBytes(path(invocation)) }
        if bytes.last != 10 { bytes.append(10) }
        guard let file = invocation.parsed[exportFile] else {
            invocation.stdout.write(bytes)
            try invocation.stdout.flush()
            return
        }
        try AtomicFile.write(bytes, to: file)
        try invocation.emit(text: "exported definitions to '\(file)'", json: .object([("file", .string(file))]))
    }

    /// `mq import definitions FILE`.
    static func importDefinitions(_ invocation: Invocation) throws(Failure) {
        let file = invocation.parsed[importFile]
        let bytes = try read(file, invocation)
        let document: JSON
        do {
            document = try JSONParser.parse(bytes)
        } catch {
            throw Failure(.input(.notJSON(file: file, error)))
        }
        guard case .object = document else { throw Failure(.input(.notDefinitions(file: file))) }
        try withManagementAPI(invocation) { api throws(APIError) in try api.post(path(invocation), body: bytes) }
        try invocation.emit(text: "imported definitions from '\(file)'", json: .object([("file", .string(file))]))
    }

    /// The whole broker's definitions, or with `--vhost` one vhost's.
    private static func path(_ invocation: Invocation) -> APIPath {
        guard let vhost = invocation.listedVhost else { return APIPath(["definitions"], resource: "definitions") }
        return APIPath(["definitions", vhost], resource: "vhost '\(vhost)'")
    }

    /// The bytes of `path`, or of standard input for `-`.
    private static func read(_ path: String, _ invocation: Invocation) throws(Failure) -> [UInt8] {
        path == "-" ? try invocation.input.readAll() : try InputReader.contents(of: path)
    }
}
