import ArgumentParsing

/// The objects only the management API can declare and delete: vhosts, users, permissions and
/// policies. `mq declare` and `mq delete` list these kinds after their own.
enum AdminObjects {
    /// The `mq declare` kinds.
    static let declareSpecs = [Vhosts.declareSpec, Users.declareSpec, Permissions.declareSpec, Policies.declareSpec]
    /// The `mq delete` kinds.
    static let deleteSpecs = [Vhosts.deleteSpec, Users.deleteSpec, Permissions.deleteSpec, Policies.deleteSpec]
}
