#if canImport(Glibc)
    import Glibc
#endif

/// A TCP connection (or any stream socket) driven with non-blocking I/O and `poll`.
///
/// Writes use `MSG_NOSIGNAL`, so a peer that went away yields EPIPE, never SIGPIPE.
public final class SocketStream: ByteStream {
    public private(set) var descriptor: Int32

    /// Wraps an open stream socket (e.g. one end of a `socketpair`), making it non-blocking.
    public init(descriptor: Int32) throws(SystemError) {
        self.descriptor = descriptor
        let flags = try syscall("fcntl") { fcntl(descriptor, F_GETFL) }
        try syscall("fcntl") { fcntl(descriptor, F_SETFL, flags | O_NONBLOCK) }
    }

    deinit { close() }

    /// Resolves `host` and connects to the first of its addresses that answers before `deadline`.
    ///
    /// IPv4 and IPv6 addresses are tried in the order `getaddrinfo` gives them.
    public static func connect(host: String, port: Int, deadline: Deadline) throws(ConnectError) -> SocketStream {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_protocol = Int32(IPPROTO_TCP)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw .resolution(ResolutionError(status: status, systemCode: status == EAI_SYSTEM ? errno : 0))
        }
        defer { freeaddrinfo(list) }
        var lastError = ConnectError.refused(SystemError(call: "connect", code: EADDRNOTAVAIL))
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let address = entry {
            entry = address.pointee.ai_next
            do {
                return try connect(to: address.pointee, deadline: deadline)
            } catch {
                lastError = error
                if case .timedOut = error { break }
            }
        }
        throw lastError
    }

    private static func connect(to address: addrinfo, deadline: Deadline) throws(ConnectError) -> SocketStream {
        let fd = socket(address.ai_family, address.ai_socktype | Int32(SOCK_CLOEXEC.rawValue), address.ai_protocol)
        guard fd >= 0 else { throw .refused(SystemError(call: "socket", code: errno)) }
        let stream: SocketStream
        do {
            stream = try SocketStream(descriptor: fd)
        } catch {
            Glibc.close(fd)
            throw .refused(error)
        }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        if Glibc.connect(fd, address.ai_addr, address.ai_addrlen) == 0 { return stream }
        guard errno == EINPROGRESS || errno == EINTR else { throw .refused(SystemError(call: "connect", code: errno)) }
        let writable: Bool
        do {
            writable = try stream.poll(events: Int16(POLLOUT), deadline: deadline)
        } catch {
            throw .refused(error)
        }
        guard writable else { throw .timedOut }
        var code: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &code, &length)
        guard code == 0 else { throw .refused(SystemError(call: "connect", code: code)) }
        return stream
    }

    /// Waits until the socket is ready for `events`; false when the deadline passes first.
    func poll(events: Int16, deadline: Deadline) throws(SystemError) -> Bool {
        while true {
            var entry = pollfd(fd: descriptor, events: events, revents: 0)
            let ready = try syscall("poll") { Glibc.poll(&entry, 1, deadline.pollTimeout) }
            if ready > 0 { return true }
            if deadline.hasPassed { return false }
        }
    }

    public func waitReadable(orDescriptor other: Int32, events: Int16, deadline: Deadline) throws -> Readiness {
        try Self.poll(descriptor, orDescriptor: other, events: events, deadline: deadline)
    }

    /// Polls `socket` for input and `other` for `events` together; the other descriptor's
    /// readiness is reported first, so a busy broker cannot hide it.
    static func poll(_ socket: Int32, orDescriptor other: Int32, events: Int16, deadline: Deadline) throws(SystemError)
        -> Readiness
    {
        while true {
            var entries = [
                pollfd(fd: socket, events: Int16(POLLIN), revents: 0), pollfd(fd: other, events: events, revents: 0),
            ]
            let ready = try syscall("poll") { Glibc.poll(&entries, 2, deadline.pollTimeout) }
            if ready > 0 {
                if entries[1].revents != 0 { return .descriptor(entries[1].revents) }
                return .stream
            }
            if deadline.hasPassed { return .timedOut }
        }
    }

    public func write(_ bytes: UnsafeRawBufferPointer, deadline: Deadline) throws {
        var offset = 0
        while offset < bytes.count {
            let written = send(descriptor, bytes.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            if written >= 0 {
                offset += written
                continue
            }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK:
                guard try poll(events: Int16(POLLOUT), deadline: deadline) else { throw StreamError.timedOut }
            default: throw SystemError(call: "send", code: errno)
            }
        }
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer, deadline: Deadline) throws -> Int? {
        while true {
            let count = recv(descriptor, buffer.baseAddress!, buffer.count, 0)
            if count >= 0 { return count }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK:
                guard try poll(events: Int16(POLLIN), deadline: deadline) else { return nil }
            default: throw SystemError(call: "recv", code: errno)
            }
        }
    }

    public func close() {
        guard descriptor >= 0 else { return }
        Glibc.close(descriptor)
        descriptor = -1
    }
}

/// Why a TCP connection could not be made.
public enum ConnectError: Error, Hashable, Sendable {
    /// The host name did not resolve.
    case resolution(ResolutionError)
    /// Every address refused or was unreachable; the error is the last one's.
    case refused(SystemError)
    /// No address answered before the deadline.
    case timedOut
}

/// A host name that `getaddrinfo` could not resolve: its status (`EAI_*`), and the errno when
/// that status is `EAI_SYSTEM`.
public struct ResolutionError: Error, Hashable, Sendable, CustomStringConvertible {
    public let status: Int32
    public let systemCode: Int32

    public init(status: Int32, systemCode: Int32 = 0) {
        self.status = status
        self.systemCode = systemCode
    }

    /// The resolver's words, e.g. `Name or service not known`.
    public var description: String {
        status == EAI_SYSTEM ? String(cString: strerror(systemCode)) : String(cString: gai_strerror(status))
    }
}
