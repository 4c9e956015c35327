import Foundation
import JSON
import TestSupport
import Testing

/// A queue name for one test, deleted when the test ends (the `deletesFreshQueues` trait).
func freshQueue(_ prefix: String) -> String { FreshQueues.name(prefix) }

/// Deletes queues and exchanges a test made.
func cleanUp(queues: [String] = [], exchanges: [String] = []) throws {
    for queue in queues { try mq("delete", "queue", queue) }
    for exchange in exchanges { try mq("delete", "exchange", exchange) }
}

/// Decodes one JSON object per line.
func jsonLines(_ text: String) throws -> [[String: Any]] {
    try text.split(separator: "\n").map { line in
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }
}

/// Starts a `/bin/sh -c` pipeline in the background, with `$MQ` the mq binary and `$Q` `queue`,
/// against the test broker; the caller waits for it.
func startPipeline(_ script: String, queue: String) throws -> MQProcess {
    try MQProcess(["-c", script], executable: "/bin/sh", environment: ["MQ": MQProcess.binary, "Q": queue])
}

/// Runs a `/bin/sh -c` pipeline in which `$MQ` is the mq binary and `$Q` is `queue`, against the
/// test broker; its status, stdout and stderr.
func pipeline(_ script: String, queue: String = "", timeout: Double = 60) throws -> MQProcess.Result {
    try MQProcess.run(
        ["-c", script], environment: ["MQ": MQProcess.binary, "Q": queue], timeout: timeout, executable: "/bin/sh")
}
