import AMQP
import Foundation
import Synchronization
import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// A scripted broker on the far end of a `socketpair`, for testing the client with no real broker.
///
/// The script runs on a thread of its own and speaks raw frames through a `FakeBroker`; the test
/// drives a `Connection` over the other end of the pair. Every read in the script has a deadline
/// and the script's socket is closed when it returns or throws, so `finish` always comes back.
public final class FakePeer<Result: Sendable>: Sendable {
    private let outcome = Mutex<Swift.Result<Result, any Error>?>(nil)

    private init() {}

    /// Starts `script` on a new thread; returns the client's end of the socket and the peer.
    public static func start(
        _ script: @escaping @Sendable (FakeBroker) throws -> Result
    ) throws -> (client: SocketStream, peer: FakePeer<Result>) {
        var descriptors: [Int32] = [-1, -1]
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        guard socketpair(AF_UNIX, type, 0, &descriptors) == 0 else {
            throw SystemError(call: "socketpair", code: errno)
        }
        let client: SocketStream
        do {
            client = try SocketStream(descriptor: descriptors[0])
        } catch {
            Glibc.close(descriptors[0])
            Glibc.close(descriptors[1])
            throw error
        }
        let peer = FakePeer()
        let brokerDescriptor = descriptors[1]
        Thread { peer.run(script, descriptor: brokerDescriptor) }.start()
        return (client, peer)
    }

    /// Waits for the script to end; returns what it returned, or throws what it threw.
    ///
    /// Throws `FakeBrokerError.timedOut` when the script is still running after `seconds`.
    @discardableResult
    public func finish(within seconds: Double = 15) throws -> Result {
        let deadline = Deadline.after(seconds: seconds)
        while true {
            if let result = outcome.withLock({ $0 }) { return try result.get() }
            guard !deadline.hasPassed else {
                throw FakeBrokerError.timedOut("the peer's script still running after \(seconds) s")
            }
            usleep(5_000)
        }
    }

    private func run(_ script: (FakeBroker) throws -> Result, descriptor: Int32) {
        let result = Swift.Result<Result, any Error> {
            let stream: SocketStream
            do {
                stream = try SocketStream(descriptor: descriptor)
            } catch {
                Glibc.close(descriptor)
                throw error
            }
            let broker = FakeBroker(stream: stream)
            defer { broker.close() }
            return try script(broker)
        }
        outcome.withLock { $0 = result }
    }
}
