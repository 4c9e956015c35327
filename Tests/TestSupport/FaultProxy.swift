import AMQP
import Foundation
import Synchronization
import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// A TCP proxy on a loopback port that forwards to a target and breaks the traffic on demand:
/// the fault injector between mq and a real broker.
///
/// Each accepted connection is pumped by a thread of its own with `poll`, both directions at
/// once; the mode is read before every step, so a change applies at once to every connection,
/// open or new. Every wait is bounded, and `stop` ends every thread.
public final class FaultProxy: Sendable {
    /// What the proxy does with the bytes.
    public enum Mode: Sendable, Equatable {
        /// Forward everything as it comes.
        case pass
        /// Close both sides of every connection (new ones too, as soon as they are accepted).
        case cut
        /// Forward nothing and read nothing, keeping every socket open: a silent network.
        case stall
        /// Forward at most `bytes` bytes per `interval` seconds in each direction.
        case trickle(bytes: Int, interval: Double)
        /// Flip every bit of one byte (at `offset`, or the last when the chunk is shorter) in the
        /// next chunk toward the client, then go back to `pass`.
        case corrupt(offset: Int)
    }

    /// The loopback port the proxy listens on.
    public let port: Int
    let targetHost: String
    let targetPort: Int
    private let listener: Int32
    private let state = Mutex(State())

    struct State {
        var mode = Mode.pass
        var stopped = false
        var threads = 0
        var accepted = 0
        var bytesToClient = 0
        var bytesToTarget = 0
        var stallAfterBytesToTarget: Int?
    }

    /// Starts listening on an ephemeral loopback port, forwarding to `targetHost:targetPort`.
    public init(targetHost: String = "127.0.0.1", targetPort: Int) throws {
        self.targetHost = targetHost
        self.targetPort = targetPort
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SystemError(call: "socket", code: errno) }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            let code = errno
            close(fd)
            throw SystemError(call: "bind/listen", code: code)
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        state.withLock { $0.threads = 1 }
        Thread { [self] in acceptLoop() }.start()
    }

    deinit { stop() }

    /// What the proxy does now; setting it applies at once to every connection.
    public var mode: Mode {
        get { state.withLock { $0.mode } }
        set { state.withLock { $0.mode = newValue } }
    }

    /// Switches to `stall` by itself once `bytes` bytes have gone to the target: the stall then
    /// begins at a known point of the stream, however fast the client is.
    public func stall(afterBytesToTarget bytes: Int) {
        state.withLock { $0.stallAfterBytesToTarget = bytes }
    }

    /// How many connections the proxy has accepted.
    public var acceptedCount: Int { state.withLock { $0.accepted } }

    /// Bytes forwarded from the target to clients so far.
    public var bytesToClient: Int { state.withLock { $0.bytesToClient } }

    /// Bytes forwarded from clients to the target so far.
    public var bytesToTarget: Int { state.withLock { $0.bytesToTarget } }

    /// Runs `body` with a proxy in front of the broker at `url` (an `amqp://user:password@host:port/vhost`
    /// URL) and the URL that goes through it; the proxy stops when `body` ends, however it ends.
    public static func inFront<T>(of url: String, _ body: (FaultProxy, String) async throws -> T) async throws -> T {
        guard let port = url.firstMatch(of: /@[^:\/]+:(\d+)/).flatMap({ Int($0.1) }) else {
            throw FakeBrokerError.unexpected("no port in the URL \(url)")
        }
        let proxy = try FaultProxy(targetPort: port)
        defer { proxy.stop() }
        return try await body(proxy, proxy.url(replacing: url))
    }

    /// A URL for the proxy in place of `url`'s host and port (credentials and vhost kept).
    public func url(replacing url: String) -> String {
        guard let at = url.range(of: "@"), let slash = url[at.upperBound...].firstIndex(of: "/") else {
            return "amqp://guest:guest@127.0.0.1:\(port)/%2F"
        }
        return String(url[..<at.upperBound]) + "127.0.0.1:\(port)" + String(url[slash...])
    }

    /// Waits until the proxy has forwarded at least `bytes` bytes toward clients; false after
    /// `seconds`.
    public func waitForBytesToClient(atLeast bytes: Int, within seconds: Double = 10) -> Bool {
        let deadline = Deadline.after(seconds: seconds)
        while bytesToClient < bytes {
            if deadline.hasPassed { return false }
            usleep(10_000)
        }
        return true
    }

    /// Stops accepting, closes every connection and waits (at most two seconds) for the threads.
    public func stop() {
        state.withLock { $0.stopped = true }
        let deadline = Deadline.after(seconds: 2)
        while state.withLock({ $0.threads }) > 0, !deadline.hasPassed { usleep(5_000) }
    }

    private func acceptLoop() {
        defer {
            close(listener)
            state.withLock { $0.threads -= 1 }
        }
        while !state.withLock({ $0.stopped }) {
            var entry = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&entry, 1, 50) > 0 else { continue }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            _ = fcntl(client, F_SETFD, FD_CLOEXEC)
            let started = state.withLock { state -> Bool in
                guard !state.stopped else { return false }
                state.accepted += 1
                state.threads += 1
                return true
            }
            guard started else {
                close(client)
                return
            }
            Thread { [self] in
                defer { state.withLock { $0.threads -= 1 } }
                pump(client: client)
            }.start()
        }
    }

    /// The mode to apply next, taking a pending corruption (it applies to one chunk only).
    func step() -> (mode: Mode, stopped: Bool) {
        state.withLock { ($0.mode, $0.stopped) }
    }

    /// Marks a corruption done: back to `pass`, unless the mode was changed meanwhile.
    func corruptionDone(_ mode: Mode) {
        state.withLock { if $0.mode == mode { $0.mode = .pass } }
    }

    func forwarded(toClient: Int, toTarget: Int) {
        state.withLock {
            $0.bytesToClient += toClient
            $0.bytesToTarget += toTarget
            if let limit = $0.stallAfterBytesToTarget, $0.bytesToTarget >= limit { $0.mode = .stall }
        }
    }
}
