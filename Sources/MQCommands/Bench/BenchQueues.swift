import AMQP
import AMQPWire
import ArgumentParsing

#if canImport(Glibc)
    import Glibc
#endif

/// The queues a load test runs against: fresh ones it declares (and deletes at the end), or the
/// existing one `--queue` names, checked and left as it is.
enum BenchQueues {
    /// The queues' names, declared (fresh ones) or checked (`--queue`).
    static func prepare(_ parsed: ParsedCommand, channel: Channel, invocation: Invocation) throws(Failure) -> [String] {
        do {
            if let existing = parsed[Bench.queue] {
                _ = try channel.declareQueue(existing, passive: true)
                return [existing]
            }
            let type = parsed[Bench.type]
            let base = "mq-bench-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            let count = parsed[Bench.queues]
            let names = count == 1 ? [base] : (1...count).map { "\(base)-\($0)" }
            for name in names {
                _ = try channel.declareQueue(name, durable: true, arguments: ["x-queue-type": .string(type.rawValue)])
                invocation.trace("declared \(type.rawValue) queue '\(name)'")
            }
            return names
        } catch {
            throw Failure(error)
        }
    }

    /// Deletes the fresh queues; a failure is noted, not thrown (the run's own outcome matters).
    static func delete(_ names: [String], channel: Channel, invocation: Invocation) {
        for name in names {
            do {
                _ = try channel.deleteQueue(name)
                invocation.trace("deleted queue '\(name)'")
            } catch {
                invocation.note("could not delete queue '\(name)': \(Failure(error).message)")
            }
        }
    }
}
