import Testing
import Transport

#if canImport(Glibc)
    import Glibc
#endif

@Suite("TCP streams with deadlines", .timeLimit(.minutes(5)))
struct SocketStreamTests {
    /// A listening socket on an ephemeral loopback port, and that port.
    private func listener() throws -> (descriptor: Int32, port: Int) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(descriptor >= 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        try #require(bound && listen(descriptor, 4) == 0)
        return (descriptor, Int(UInt16(bigEndian: address.sin_port)))
    }

    @Test(
        "a connection to a listener carries bytes both ways, and a read with nothing to read waits until its deadline")
    func roundTrip() throws {
        let (server, port) = try listener()
        defer { close(server) }
        let client = try SocketStream.connect(host: "127.0.0.1", port: port, deadline: .after(seconds: 5))
        defer { client.close() }
        let accepted = accept(server, nil, nil)
        try #require(accepted >= 0)
        let peer = try SocketStream(descriptor: accepted)
        defer { peer.close() }
        try [UInt8]("ping".utf8).withUnsafeBytes { try client.write($0, deadline: .after(seconds: 5)) }
        var buffer = [UInt8](repeating: 0, count: 16)
        let count = try buffer.withUnsafeMutableBytes { try peer.read(into: $0, deadline: .after(seconds: 5)) }
        #expect(count == 4)
        #expect(Array(buffer.prefix(4)) == Array("ping".utf8))
        let nothing = try buffer.withUnsafeMutableBytes { try client.read(into: $0, deadline: .after(seconds: 0.05)) }
        #expect(nothing == nil)
        peer.close()
        let end = try buffer.withUnsafeMutableBytes { try client.read(into: $0, deadline: .after(seconds: 5)) }
        #expect(end == 0)
    }

    @Test("a port nobody listens on is refused with the connect errno")
    func refused() throws {
        let (server, port) = try listener()
        close(server)
        #expect(throws: ConnectError.refused(SystemError(call: "connect", code: ECONNREFUSED))) {
            try SocketStream.connect(host: "127.0.0.1", port: port, deadline: .after(seconds: 5))
        }
    }

    @Test("a host that does not resolve says so in the resolver's words")
    func unresolvable() {
        do {
            _ = try SocketStream.connect(host: "no-such-host.invalid", port: 5672, deadline: .after(seconds: 5))
            Issue.record("connected to no-such-host.invalid")
        } catch {
            guard case .resolution(let failure) = error else {
                Issue.record("expected a resolution failure, got \(error)")
                return
            }
            #expect(!failure.description.isEmpty)
        }
    }

    @Test("a libc failure names its call and its errno's text")
    func systemError() {
        let error = SystemError(call: "connect", code: ECONNREFUSED)
        #expect(error.description == "connect: Connection refused")
        #expect(error.reason == "Connection refused")
    }

    @Test("deadlines order and count seconds")
    func deadlines() {
        let start = Deadline.now
        let later = start.adding(seconds: 1.5)
        #expect(start < later)
        #expect(abs(later.seconds(since: start) - 1.5) < 1e-6)
        #expect(Deadline.distantFuture > later)
    }

    @Test("an authority brackets an IPv6 address")
    func authority() {
        #expect(Endpoint.authority(host: "::1", port: 15672) == "[::1]:15672")
        #expect(Endpoint.authority(host: "rabbit", port: 80) == "rabbit:80")
    }

    @Test("a stream that cannot be opened says why in one place: refused, or a name that does not resolve")
    func openErrors() throws {
        let (server, port) = try listener()
        close(server)
        #expect(
            throws: TransportError.connectFailed(
                host: "127.0.0.1", port: port, SystemError(call: "connect", code: ECONNREFUSED))
        ) {
            try Endpoint.open(host: "127.0.0.1", port: port, tls: nil, timeout: 5, deadline: .after(seconds: 5))
        }
        let refused = TransportError.connectFailed(
            host: "::1", port: 5672, SystemError(call: "connect", code: ECONNREFUSED))
        #expect("\(refused)" == "cannot connect to [::1]:5672: Connection refused")
    }
}
