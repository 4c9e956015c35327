import AMQP
import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// Forwarding one connection: both directions from one thread, non-blocking sockets and `poll`.
extension FaultProxy {
    /// The bytes read from one side and not yet written to the other, with the trickle clock.
    private struct Direction {
        var pending: [UInt8] = []
        /// When the next read may happen (for `trickle`).
        var nextRead = Deadline.now
        var from: Int32
        var to: Int32
    }

    /// Forwards between `client` and a new connection to the target until either side closes,
    /// the mode becomes `cut`, or the proxy stops. Closes both sockets.
    func pump(client: Int32) {
        defer { close(client) }
        guard step().mode != .cut, let target = connectToTarget() else { return }
        defer { close(target) }
        _ = fcntl(client, F_SETFL, fcntl(client, F_GETFL) | O_NONBLOCK)
        var one: Int32 = 1
        setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var up = Direction(from: client, to: target)
        var down = Direction(from: target, to: client)
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let (mode, stopped) = step()
            if stopped || mode == .cut { return }
            if mode == .stall {
                usleep(20_000)
                continue
            }
            var limit = chunk.count
            var interval = 0.0
            if case .trickle(let bytes, let every) = mode {
                limit = max(1, min(bytes, chunk.count))
                interval = every
            }
            let now = Deadline.now
            var fds = [pollfd(fd: client, events: 0, revents: 0), pollfd(fd: target, events: 0, revents: 0)]
            let upReads = up.pending.isEmpty && now >= up.nextRead
            let downReads = down.pending.isEmpty && now >= down.nextRead
            if upReads { fds[0].events |= Int16(POLLIN) }
            if !up.pending.isEmpty { fds[1].events |= Int16(POLLOUT) }
            if downReads { fds[1].events |= Int16(POLLIN) }
            if !down.pending.isEmpty { fds[0].events |= Int16(POLLOUT) }
            // Wake for the next trickle read, else every 20 ms to see the mode.
            var wake: Int32 = 20
            for direction in [up, down] where direction.pending.isEmpty && direction.nextRead > now {
                wake = min(wake, direction.nextRead.pollTimeout)
            }
            _ = poll(&fds, 2, wake)

            let readable = Int16(POLLIN | POLLHUP | POLLERR)
            if upReads, fds[0].revents & readable != 0 {
                guard read(into: &up, chunk: &chunk, limit: limit) else { return finish(&up) }
                up.nextRead = Deadline.now.adding(seconds: interval)
            }
            if downReads, fds[1].revents & readable != 0 {
                let before = down.pending.count
                guard read(into: &down, chunk: &chunk, limit: limit) else { return finish(&down) }
                down.nextRead = Deadline.now.adding(seconds: interval)
                if case .corrupt(let offset) = mode, down.pending.count > before {
                    down.pending[before + min(offset, down.pending.count - before - 1)] ^= 0xFF
                    corruptionDone(mode)
                }
            }
            let sentUp = write(&up)
            let sentDown = write(&down)
            guard let sentUp, let sentDown else { return }
            if sentUp + sentDown > 0 { forwarded(toClient: sentDown, toTarget: sentUp) }
        }
    }

    /// Reads what is there (at most `limit` bytes); false at end of stream or on an error.
    private func read(into direction: inout Direction, chunk: inout [UInt8], limit: Int) -> Bool {
        let count = chunk.withUnsafeMutableBytes { recv(direction.from, $0.baseAddress!, limit, 0) }
        if count > 0 {
            direction.pending.append(contentsOf: chunk[0..<count])
            return true
        }
        return count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
    }

    /// Writes what the other side takes now; the byte count, or nil when it has gone.
    private func write(_ direction: inout Direction) -> Int? {
        guard !direction.pending.isEmpty else { return 0 }
        let count = direction.pending.withUnsafeBytes {
            send(direction.to, $0.baseAddress!, $0.count, Int32(MSG_NOSIGNAL))
        }
        if count < 0 { return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ? 0 : nil }
        direction.pending.removeFirst(count)
        return count
    }

    /// One side closed: hands on what it sent before (for at most a second), then gives up.
    private func finish(_ direction: inout Direction) {
        let deadline = Deadline.after(seconds: 1)
        while !direction.pending.isEmpty, !deadline.hasPassed, step().mode != .stall {
            guard let count = write(&direction) else { return }
            if count == 0 { usleep(5_000) }
        }
    }

    /// A non-blocking connect to the target (a numeric IPv4 address), within five seconds; nil
    /// when it fails.
    private func connectToTarget() -> Int32? {
        let fd = socket(
            AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard fd >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr(targetHost)
        address.sin_port = UInt16(targetPort).bigEndian
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        if result != 0 {
            var entry = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            var code: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            guard errno == EINPROGRESS, poll(&entry, 1, 5000) > 0,
                getsockopt(fd, SOL_SOCKET, SO_ERROR, &code, &length) == 0, code == 0
            else {
                close(fd)
                return nil
            }
        }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        return fd
    }
}
