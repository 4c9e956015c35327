import AMQP
import Synchronization

/// A producer or a consumer of a load test: its connection, and its counts since the reporter
/// last took them.
class BenchWorker: @unchecked Sendable {
    let connection: Connection
    let channel: Channel
    let control: BenchControl
    private let counts = Mutex<BenchTally>(BenchTally())

    init(connection: Connection, channel: Channel, control: BenchControl) {
        self.connection = connection
        self.channel = channel
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

    /// The worker's loop, on its own thread; a failure stops the whole run.
    final func run() {
        do throws(AMQPError) {
            try work()
        } catch {
            if !control.isStopped || !Self.isShutdown(error) { control.fail(Failure(error)) }
        }
    }

    /// Publishes or consumes until the run stops.
    func work() throws(AMQPError) {}

    /// True for the errors a worker meets only because the run is ending.
    private static func isShutdown(_ error: AMQPError) -> Bool {
        if case .connectionLost = error { true } else { false }
    }
}
