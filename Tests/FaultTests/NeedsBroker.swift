import TestSupport
import Testing

extension Trait where Self == ConditionTrait {
    /// Skips a suite that talks to a real broker when there is none (see `TestBroker.isAvailable`).
    static var needsBroker: Self { .enabled(if: TestBroker.isAvailable, Comment(rawValue: TestBroker.unavailableReason)) }
}
