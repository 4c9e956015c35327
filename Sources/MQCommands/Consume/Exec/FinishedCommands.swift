import AMQP
import Synchronization
import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// The outcomes of `--exec` commands that have ended, handed from the worker threads that ran
/// them to the consuming thread, with a self-pipe that turns each one into an event: the
/// consuming thread watches `descriptor` in the same wait that services the connection, so a
/// finished command is settled as soon as it ends, not at the next poll of a clock.
final class FinishedCommands: Sendable {
    /// A command that ended: its message, the link's epoch when it started, and how it ended.
    struct Entry: Sendable {
        let delivery: Delivery
        let epoch: Int
        let outcome: ChildProcess.Outcome
    }

    private let entries = Mutex<[Entry]>([])
    /// The pipe's read end, readable while an outcome waits to be taken.
    let descriptor: Int32
    private let writeEnd: Int32

    /// Nil when no pipe can be made (the process is out of descriptors).
    init?() {
        var ends: [Int32] = [0, 0]
        guard ChildProcess.makePipe(&ends) else { return nil }
        for end in ends { _ = fcntl(end, F_SETFL, O_NONBLOCK) }
        descriptor = ends[0]
        writeEnd = ends[1]
    }

    deinit {
        close(descriptor)
        close(writeEnd)
    }

    /// Hands on a command's outcome, and wakes the consuming thread.
    func add(_ entry: Entry) {
        entries.withLock { $0.append(entry) }
        var byte: UInt8 = 1
        // A full pipe already wakes the reader; nothing more is needed.
        _ = try? syscall("write") { write(writeEnd, &byte, 1) }
    }

    /// Takes every outcome handed on so far, and empties the pipe.
    func take() -> [Entry] {
        var sink = [UInt8](repeating: 0, count: 256)
        while sink.withUnsafeMutableBytes({ read(descriptor, $0.baseAddress!, $0.count) }) > 0 {}
        return entries.withLock { entries in
            defer { entries.removeAll() }
            return entries
        }
    }
}
