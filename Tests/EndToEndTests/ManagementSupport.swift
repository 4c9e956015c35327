import Foundation
import JSON
import TestSupport
import Testing

/// The rows of TSV output, split at tabs.
func tsvRows(_ text: String) -> [[String]] {
    text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map {
        $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
    }
}

/// Decodes `mq list --json` output: one array of objects.
func jsonArray(_ text: String) throws -> [[String: Any]] {
    try #require(
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]],
        "not a JSON array: \(text.prefix(200))")
}

/// A new vhost of the test's own that guest may use; delete it with `deleteVhost`.
func scratchVhost(_ prefix: String) throws -> String {
    let vhost = TestBroker.uniqueName(prefix)
    try #require(try mq("declare", "vhost", vhost).status == 0)
    try #require(try mq("declare", "permission", "guest", "--vhost", vhost).status == 0)
    return vhost
}

/// Deletes a vhost and everything in it.
func deleteVhost(_ vhost: String) {
    _ = try? mq("delete", "vhost", vhost)
}
