import AMQP
import Synchronization

/// A producer or a consumer of a load test: its link to the broker (which reconnects as the
/// global options say), and its counts since the reporter last took them.
class BenchWorker: @unchecked Sendable {
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
    final func count(_ update: (inout BenchTally) -> Void) { counts.withLock { update(&$0) } }

    /// Adds the counts since the last call to `interval`, and starts counting again.
    final func take(into interval: inout BenchTally) {
        counts.withLock { tally in
            interval.add(tally)
            tally.reset()
        }
    }

    /// The worker's loop, on its own thread, run again after each connection the link got back;
    /// a failure stops the whole run.
    final func run() {
        do throws(Failure) {
            try link.retrying { () throws -> Void in
                if link.epoch > reconnectsCounted {
                    let new = link.epoch - reconnectsCounted
                    reconnectsCounted = link.epoch
                    count { $0.reconnects += new }
                }
                try work(on: link.channel)
            }
        } catch {
            if !control.isStopped { control.fail(error) }
        }
    }

    /// Publishes or consumes on `channel` until the run stops.
    func work(on channel: Channel) throws(AMQPError) {}
}
