/// What to do instead of a feature that RabbitMQ 4 refuses as deprecated (4.3 refuses these by
/// default; `deprecated_features.permit.NAME = true` in the broker's configuration allows them).
enum DeprecatedFeature {
    /// One clause for the error line: what to use instead of `feature`.
    static func advice(_ feature: String) -> String {
        switch feature {
        case "transient_nonexcl_queues":
            "a queue that does not survive a restart must be exclusive; declare it --durable, or --exclusive"
        case "global_qos":
            "prefetch applies per consumer; set it without the global flag"
        case "queue_master_locator":
            "use x-queue-leader-locator (--leader-locator) instead of x-queue-master-locator"
        case "classic_queue_mirroring":
            "classic queues are no longer mirrored; use a quorum queue (--type quorum) for replication"
        default:
            "see the broker's deprecated_features.permit settings"
        }
    }
}
