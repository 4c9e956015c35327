import AMQP
import Synchronization

/// What a producer or a consumer of a load test works through: its link to the broker (which
/// reconnects as the global options say), its counts since the reporter last took them, and the
/// loop that runs its work again after each connection the link got back.
///
/// A producer or consumer owns one and hands its loop to `run(_:)` on its own thread; the
/// reporter takes the counts of every worker through `take(into:)`.
final class BenchWorker: @unchecked Sendable {
    let link: BrokerLink
    let control: BenchControl
    private let counts = Mutex<BenchTally>(BenchTally())
    /// The link's reconnects already counted.
    private var reconnectsCounted = 0

    /// A worker whose link writes its notes through its own stderr stream (workers run on
    /// threads of their own, and a stream's buffer is not shared between threads).
    init(_ invocation: Invocation, candidates: [ConnectionSettings], control: BenchControl) throws(Failure) {
        let own = Invocation(
            parsed: invocation.parsed, stdout: invocation.stdout,
            stderr: OutputStream(descriptor: invocation.stderr.descriptor), input: invocation.input,
            environment: invocation.environment, connector: invocation.connector)
        link = try BrokerLink(own, candidates: candidates)
        self.control = control
    }

    /// Updates the counts (from the worker's thread).
    func count(_ update: (inout BenchTally) -> Void) { counts.withLock { update(&$0) } }

    /// Adds the counts since the last call to `interval`, and starts counting again.
    func take(into interval: inout BenchTally) {
        counts.withLock { tally in
            interval.add(tally)
            tally.reset()
        }
    }

    /// Runs `work` (publishing or consuming until the run stops) on the link's channel, on the
    /// caller's thread, and again on the new channel after each connection the link got back;
    /// a failure stops the whole run.
    func run(_ work: (Channel) throws(AMQPError) -> Void) {
        do throws(Failure) {
            try link.retrying { () throws -> Void in
                if link.epoch > reconnectsCounted {
                    let new = link.epoch - reconnectsCounted
                    reconnectsCounted = link.epoch
                    count { $0.reconnects += new }
                }
                try work(link.channel)
            }
        } catch {
            if !control.isStopped { control.fail(error) }
        }
    }
}
