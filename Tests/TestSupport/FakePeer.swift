import AMQP
import Foundation
import Synchronization
import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// A scripted peer on the far end of a `socketpair`, for testing a client with no real broker.
///
/// The script runs on a thread of its own and speaks raw frames through its end of the pair (a
/// `FakeBroker` for AMQP 0-9-1, or any other end made from the socket); the test drives the
/// client over the other end. Every read in the script has a deadline and the script's socket is
/// closed when it returns or throws, so `finish` always comes back.
public final class FakePeer<Result: Sendable>: Sendable {
    private let outcome = Mutex<Swift.Result<Result, any Error>?>(nil)

    private init() {}

    /// Starts `script` as an AMQP 0-9-1 broker on a new thread; returns the client's end of the
    /// socket and the peer.
    public static func start(
        _ script: @escaping @Sendable (FakeBroker) throws -> Result
    ) throws -> (client: SocketStream, peer: FakePeer<Result>) {
        try start(speaking: FakeBroker.init, script)
    }

    /// Starts `script` on a new thread, speaking through the end `makeEnd` makes of the peer's
    /// socket; returns the client's end of the socket and the peer.
    public static func start<End>(
        speaking makeEnd: @escaping @Sendable (SocketStream) -> End,
        _ script: @escaping @Sendable (End) throws -> Result
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
        let peerDescriptor = descriptors[1]
        Thread {
            let result = Swift.Result<Result, any Error> {
                let stream: SocketStream
                do {
                    stream = try SocketStream(descriptor: peerDescriptor)
                } catch {
                    Glibc.close(peerDescriptor)
                    throw error
                }
                defer { stream.close() }
                return try script(makeEnd(stream))
            }
            peer.outcome.withLock { $0 = result }
        }.start()
        return (client, peer)
    }

    /// Waits for the script to end; returns what it returned, or throws what it threw.
    ///
    /// Throws `FakeBrokerError.timedOut` when the script is still running after `seconds`.
    @discardableResult
    public func finish(within seconds: Double = 15) throws -> Result {
        guard let result = eventually(within: seconds, every: 0.005, { outcome.withLock { $0 } }) else {
            throw FakeBrokerError.timedOut("the peer's script still running after \(seconds) s")
        }
        return try result.get()
    }
}
