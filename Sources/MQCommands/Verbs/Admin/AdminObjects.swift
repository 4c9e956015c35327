import ArgumentParsing

/// The objects only the management API can declare and delete: vhosts, users, permissions and
/// policies. `mq declare` and `mq delete` list these kinds after their own.
enum AdminObjects {
    /// The `mq declare` kinds.
    static let declareSpecs = [Vhosts.declareSpec, Users.declareSpec, Permissions.declareSpec, Policies.declareSpec]
    /// The `mq delete` kinds.
    static let deleteSpecs = [Vhosts.deleteSpec, Users.deleteSpec, Permissions.deleteSpec, Policies.deleteSpec]

    /// Runs `mq declare KIND` or `mq delete KIND` for one of these kinds.
    static func run(_ invocation: Invocation) throws(Failure) {
        let declaring = invocation.parsed.path.first == "declare"
        switch invocation.parsed.path.last {
        case Vhosts.declareSpec.name?: try declaring ? Vhosts.declare(invocation) : Vhosts.delete(invocation)
        case Users.declareSpec.name?: try declaring ? Users.declare(invocation) : Users.delete(invocation)
        case Permissions.declareSpec.name?: try declaring ? Permissions.declare(invocation) : Permissions.delete(invocation)
        case Policies.declareSpec.name?: try declaring ? Policies.declare(invocation) : Policies.delete(invocation)
        default: throw Failure(.software, "no admin object kind in '\(invocation.parsed.path.joined(separator: " "))'")
        }
    }
}
