import Foundation
import JSON
import TestSupport
import Testing

/// What "acknowledged once the reader took it" means, tried as a user would: readers that stop
/// early, readers that die, readers that never read, a socket, a file with --sync.
@Suite(
    "Acknowledged only when the reader took it: pipes, sockets, files", .needsBroker, .deletesFreshQueues,
    .timeLimit(.minutes(5)))
struct ReaderTests {
    /// A queue holding the lines 1...count.
    private func filledQueue(_ prefix: String, count: Int) throws -> String {
        let queue = freshQueue(prefix)
        try mq("declare", "queue", queue)
        let publish = try mq(
            "publish", "--queue", queue, "--lines", stdin: (1...count).map(String.init).joined(separator: "\n"))
        #expect(publish.status == 0, "\(publish.stderr)")
        return queue
    }

    /// Drains `queue`: the bodies left in it, as numbers.
    private func remaining(_ queue: String) throws -> [Int] {
        try mq("consume", queue, "--timeout", "1s").stdout.split(separator: "\n").compactMap { Int($0) }
    }

    @Test(
        "consume | head -1 with 100 queued: mq ends with head, quietly, and 99 are back in the queue; the same for get and JSON",
        arguments: ["consume", "get --count 100", "consume --format json"])
    func headOne(command: String) throws {
        let queue = try filledQueue("head-1", count: 100)
        // Without the watch for the reader, consume would wait here for ever (no --timeout).
        let result = try pipeline("\"$MQ\" \(command) \"$Q\" | head -1", queue: queue, timeout: 30)
        #expect(result.status == 0)
        let first = command.hasSuffix("json") ? try jsonLines(result.stdout).first?["body"] as? String : result.stdout
        #expect(first == (command.hasSuffix("json") ? "1" : "1\n"))
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        #expect(try ready(queue) == 99)
        try cleanUp(queues: [queue])
    }

    @Test("consume | head -n 10 with 100,000 queued: at least 99,980 are back")
    func headTen() throws {
        let queue = try filledQueue("head-10", count: 100_000)
        let result = try pipeline(#""$MQ" consume "$Q" | head -n 10"#, queue: queue, timeout: 60)
        #expect(result.status == 0)
        #expect(result.stdout == (1...10).map { "\($0)\n" }.joined())
        let left = try ready(queue)
        #expect(left >= 99_980, "\(left) left")
        #expect(left <= 99_990)
        try cleanUp(queues: [queue])
    }

    @Test("a reader that exits without reading is noticed while no message comes: mq ends at once, nothing acked")
    func readerNeverReads() throws {
        let empty = freshQueue("never-read")
        try mq("declare", "queue", empty)
        let idle = try pipeline(#""$MQ" consume "$Q" | true"#, queue: empty, timeout: 30)
        #expect(idle.status == 0)
        #expect(idle.stderr.isEmpty, "\(idle.stderr)")
        let queue = try filledQueue("never-read", count: 50)
        let quitter = try pipeline(#""$MQ" consume "$Q" --count 50 | (sleep 1; exit 0)"#, queue: queue, timeout: 30)
        #expect(quitter.status == 0)
        #expect(try ready(queue) == 50)
        try cleanUp(queues: [empty, queue])
    }

    @Test(
        "a slow reader SIGKILLed: what it did not print is back, but for at most the last batch it read; a line-at-a-time reader loses none"
    )
    func slowReaderKilled() throws {
        for (name, reader, mostLost) in [
            (
                "buffered",
                #"python3 -c 'import os,sys,time\nopen(os.environ["PIDFILE"],"w").write(str(os.getpid()))\nfor l in sys.stdin:\n    open(os.environ["OUT"],"a").write(l); time.sleep(0.005)'"#,
                32
            ),
            (
                "line-at-a-time",
                #"sh -c 'echo $$ > "$PIDFILE"; while read -r l; do echo "$l" >> "$OUT"; sleep 0.005; done'"#, 0
            ),
        ] {
            let queue = try filledQueue("killed-\(name)", count: 2000)
            let out = FileManager.default.temporaryDirectory.appendingPathComponent("mq-printed-\(UUID().uuidString)")
                .path
            let pidFile = out + ".pid"
            // --prefetch 64: acks in batches of 32, so no batch holds more than 32 messages.
            let script =
                "export OUT='\(out)' PIDFILE='\(pidFile)'; \"$MQ\" consume \"$Q\" --prefetch 64 | "
                + reader.replacingOccurrences(of: "\\n", with: "\n")
            let shell = try startPipeline(script, queue: queue)
            func printedSoFar() -> [Int] {
                ((try? String(contentsOfFile: out, encoding: .utf8)) ?? "").split(separator: "\n").compactMap {
                    Int($0)
                }
            }
            _ = eventually(within: 30, every: 0.05) { printedSoFar().count >= 200 ? true : nil }
            let pid = try #require(
                Int32(
                    try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
                ))
            kill(pid, SIGKILL)
            _ = shell.finish(within: 30)
            let printed = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").compactMap { Int($0) }
            let back = try remaining(queue)
            let lost = Set(1...2000).subtracting(printed).subtracting(back)
            #expect(printed.count >= 200, "\(name)")
            #expect(lost.count <= mostLost, "\(name): \(lost.count) lost: \(lost.sorted().prefix(40))")
            // What is lost is what the reader had read after its last printed line, nothing older.
            if let last = printed.max() { #expect(lost.allSatisfy { $0 > last }, "\(name)") }
            unlink(out)
            unlink(pidFile)
            try cleanUp(queues: [queue])
        }
    }

    @Test("into a socket: what the peer read is acked, and when it closes, everything it did not read is back")
    func socketReader() throws {
        let queue = try filledQueue("socket-reader", count: 500)
        let script = #"""
            import os, socket, subprocess, sys
            mine, theirs = socket.socketpair()
            mq = subprocess.Popen([os.environ["MQ"], "consume", os.environ["Q"]], stdout=theirs)
            theirs.close()
            got = b""
            while got.count(b"\n") < 10:
                got += mine.recv(1)
            mine.close()
            sys.exit(mq.wait(timeout=20))
            """#
        let result = try pipeline("python3 -c '\(script)'", queue: queue, timeout: 30)
        #expect(result.status == 0, "\(result.stderr)")
        let back = try remaining(queue)
        let lost = Set(11...500).subtracting(back)
        #expect(lost.isEmpty, "lost: \(lost.sorted().prefix(20))")
        #expect(back.count <= 500)
        try cleanUp(queues: [queue])
    }

    @Test("into a file with --sync: every message written, synced and acked")
    func syncedFile() throws {
        let queue = try filledQueue("sync-file", count: 300)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mq-sync-\(UUID().uuidString)").path
        let result = try pipeline(#""$MQ" consume "$Q" --count 300 --sync > "\#(path)""#, queue: queue, timeout: 30)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == (1...300).map { "\($0)\n" }.joined())
        #expect(try ready(queue) == 0)
        unlink(path)
        try cleanUp(queues: [queue])
    }
}
