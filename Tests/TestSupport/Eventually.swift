import Foundation

/// Retries `body` every `interval` seconds until it gives a value or `seconds` pass (then nil):
/// the bounded poll a test uses instead of sleeping for a condition to come about, such as the
/// management API learning of a new connection. Blocks the thread; for a test that is not async.
public func eventually<T>(within seconds: Double = 10, every interval: Double = 0.2, _ body: () throws -> T?) rethrows
    -> T?
{
    let deadline = Date().addingTimeInterval(seconds)
    while true {
        if let value = try body() { return value }
        guard Date() < deadline else { return nil }
        Thread.sleep(forTimeInterval: interval)
    }
}

/// Checks `condition` every `interval` seconds; false when it has not held within `seconds`.
/// Sleeps with `Task.sleep`, so a waiting test holds no thread and the rest of the suite runs.
public func eventually(
    within seconds: Double, every interval: Double = 0.05, _ condition: () async throws -> Bool
) async rethrows -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .seconds(interval))
    }
    return try await condition()
}
