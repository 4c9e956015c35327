import ArgumentParsing

/// The objects only the management API can declare and delete: vhosts, users, permissions and
/// policies. `mq declare` and `mq delete` list these kinds after their own.
enum AdminObjects {
    /// The `mq declare` kinds, each built when asked for.
    static let declareKinds: [Subcommand<CommandHandler>] = [
        Subcommand("vhost") { Vhosts.declareSpec }, Subcommand("user") { Users.declareSpec },
        Subcommand("permission") { Permissions.declareSpec }, Subcommand("policy") { Policies.declareSpec },
    ]
    /// The `mq delete` kinds, each built when asked for.
    static let deleteKinds: [Subcommand<CommandHandler>] = [
        Subcommand("vhost") { Vhosts.deleteSpec }, Subcommand("user") { Users.deleteSpec },
        Subcommand("permission") { Permissions.deleteSpec }, Subcommand("policy") { Policies.deleteSpec },
    ]
}
