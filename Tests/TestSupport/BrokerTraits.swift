import Testing

extension Trait where Self == ConditionTrait {
    /// Skips a suite that talks to a real broker when there is none (see `TestBroker.isAvailable`).
    public static var needsBroker: Self {
        .enabled(if: TestBroker.isAvailable, Comment(rawValue: TestBroker.unavailableReason))
    }
}

/// Deletes the queues each test named with `freshQueue` once it ends, passed or failed.
public struct DeletesFreshQueues: SuiteTrait, TestTrait, TestScoping {
    public var isRecursive: Bool { true }

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        guard !test.isSuite else { return try await function() }
        try await FreshQueues.deletingAfterwards(function)
    }
}

extension Trait where Self == DeletesFreshQueues {
    /// Deletes the queues each test named with `freshQueue` once it ends, passed or failed.
    public static var deletesFreshQueues: Self { Self() }
}
