import COpenSSL

#if canImport(Glibc)
    import Glibc
#endif

/// A TLS client session (OpenSSL) over a connected socket: the same byte-stream interface as
/// plain TCP, with every wait bounded by a deadline.
public final class TLSStream: ByteStream {
    private let socket: SocketStream
    private let openSSL: OpenSSL
    private let context: OpaquePointer
    private let ssl: OpaquePointer

    /// Performs the TLS handshake with `host` (sent as SNI and, unless `verifyPeer` is off,
    /// checked against the certificate) before `deadline`.
    public init(socket: SocketStream, host: String, options: TLSOptions, deadline: Deadline) throws(TLSError) {
        self.socket = socket
        let openSSL = try OpenSSL.shared.get()
        self.openSSL = openSSL
        guard let context = openSSL.SSL_CTX_new(openSSL.TLS_client_method()) else {
            throw TLSError.setup(openSSL.queuedErrors())
        }
        do {
            // The session copies the context's settings when it is made: configure the context first.
            try Self.configure(context, options: options, openSSL: openSSL)
        } catch {
            openSSL.SSL_CTX_free(context)
            throw error
        }
        guard let ssl = openSSL.SSL_new(context) else {
            openSSL.SSL_CTX_free(context)
            throw TLSError.setup(openSSL.queuedErrors())
        }
        self.context = context
        self.ssl = ssl
        try configureSession(host: host, verify: options.verifyPeer)
        try handshake(deadline: deadline)
    }

    deinit {
        openSSL.SSL_free(ssl)
        openSSL.SSL_CTX_free(context)
    }

    private static func configure(_ context: OpaquePointer, options: TLSOptions, openSSL: OpenSSL) throws(TLSError) {
        openSSL.requireTLS12(context)
        if options.verifyPeer {
            openSSL.SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
            _ = openSSL.SSL_CTX_set_default_verify_paths(context)
            if let caFile = options.caFile, openSSL.SSL_CTX_load_verify_locations(context, caFile, nil) != 1 {
                throw TLSError.badFile("CA file '\(caFile)'", openSSL.queuedErrors())
            }
        } else {
            openSSL.SSL_CTX_set_verify(context, SSL_VERIFY_NONE, nil)
        }
        if let certificate = options.certificateFile,
            openSSL.SSL_CTX_use_certificate_chain_file(context, certificate) != 1
        {
            throw TLSError.badFile("client certificate '\(certificate)'", openSSL.queuedErrors())
        }
        if let key = options.keyFile ?? options.certificateFile, options.certificateFile != nil {
            guard openSSL.SSL_CTX_use_PrivateKey_file(context, key, SSL_FILETYPE_PEM) == 1,
                openSSL.SSL_CTX_check_private_key(context) == 1
            else {
                throw TLSError.badFile("private key '\(key)'", openSSL.queuedErrors())
            }
        }
    }

    /// Sets the name to send (SNI) and to check the certificate against, and the socket.
    private func configureSession(host: String, verify: Bool) throws(TLSError) {
        // A literal address is checked against the certificate's IP entries, a name against its DNS names.
        let isAddress = host.contains(":") || host.allSatisfy { $0.isNumber || $0 == "." }
        if verify {
            let checked =
                isAddress
                ? openSSL.X509_VERIFY_PARAM_set1_ip_asc(openSSL.SSL_get0_param(ssl), host)
                : openSSL.SSL_set1_host(ssl, host)
            guard checked == 1 else { throw TLSError.setup("cannot set the host name to verify") }
        }
        if !isAddress { openSSL.setServerName(ssl, host) }
        _ = openSSL.SSL_set_fd(ssl, socket.descriptor)
    }

    private func handshake(deadline: Deadline) throws(TLSError) {
        while true {
            openSSL.ERR_clear_error()
            let result = openSSL.SSL_connect(ssl)
            if result == 1 { return }
            let code = openSSL.SSL_get_error(ssl, result)
            let ready: Bool
            switch code {
            case SSL_ERROR_WANT_READ: ready = (try? socket.poll(events: Int16(POLLIN), deadline: deadline)) ?? false
            case SSL_ERROR_WANT_WRITE: ready = (try? socket.poll(events: Int16(POLLOUT), deadline: deadline)) ?? false
            default: throw handshakeError(code)
            }
            guard ready else { throw TLSError.timedOut }
        }
    }

    /// The most specific reason the handshake failed.
    private func handshakeError(_ code: Int32) -> TLSError {
        let verification = openSSL.SSL_get_verify_result(ssl)
        if verification != X509_V_OK {
            let text =
                openSSL.X509_verify_cert_error_string(verification).map { String(cString: $0) }
                ?? "verification error \(verification)"
            switch Int32(verification) {
            case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN,
                X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
                return .unknownAuthority(text)
            case X509_V_ERR_CERT_HAS_EXPIRED: return .untrusted("the server's certificate has expired")
            case X509_V_ERR_CERT_NOT_YET_VALID: return .untrusted("the server's certificate is not valid yet")
            case X509_V_ERR_HOSTNAME_MISMATCH, X509_V_ERR_IP_ADDRESS_MISMATCH:
                return .untrusted("host name mismatch: the certificate is not for this host")
            default: return .untrusted(text)
            }
        }
        let queued = openSSL.queuedErrors()
        if code == SSL_ERROR_SYSCALL, queued.isEmpty {
            return .refused("the server closed the connection during the TLS handshake")
        }
        if queued.contains("wrong version number") || queued.contains("unsupported protocol")
            || queued.contains("no protocols available")
        {
            return .refused("no shared TLS protocol version (is this port speaking TLS?): \(queued)")
        }
        return .refused(queued.isEmpty ? "TLS handshake failed" : queued)
    }

    public func write(_ bytes: UnsafeRawBufferPointer, deadline: Deadline) throws {
        var offset = 0
        while offset < bytes.count {
            openSSL.ERR_clear_error()
            let count = openSSL.SSL_write(
                ssl, bytes.baseAddress! + offset, Int32(min(bytes.count - offset, Int(Int32.max))))
            if count > 0 {
                offset += Int(count)
                continue
            }
            try wait(for: openSSL.SSL_get_error(ssl, count), deadline: deadline, timeout: StreamError.timedOut)
        }
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer, deadline: Deadline) throws -> Int? {
        while true {
            openSSL.ERR_clear_error()
            let count = openSSL.SSL_read(ssl, buffer.baseAddress!, Int32(min(buffer.count, Int(Int32.max))))
            if count > 0 { return Int(count) }
            let code = openSSL.SSL_get_error(ssl, count)
            if code == SSL_ERROR_ZERO_RETURN { return 0 }
            if code == SSL_ERROR_SYSCALL, openSSL.ERR_peek_error() == 0 { return 0 }
            do {
                try wait(for: code, deadline: deadline, timeout: StreamError.timedOut)
            } catch StreamError.timedOut {
                return nil
            }
        }
    }

    public var descriptor: Int32 { socket.descriptor }

    public func waitReadable(orDescriptor other: Int32, events: Int16, deadline: Deadline) throws -> Readiness {
        // Bytes OpenSSL has already decrypted are not on the socket any more.
        if openSSL.SSL_pending(ssl) > 0 { return .stream }
        return try SocketStream.poll(socket.descriptor, orDescriptor: other, events: events, deadline: deadline)
    }

    /// Waits for the socket as OpenSSL asks, or throws what went wrong.
    private func wait(for code: Int32, deadline: Deadline, timeout: StreamError) throws {
        let events: Int16
        switch code {
        case SSL_ERROR_WANT_READ: events = Int16(POLLIN)
        case SSL_ERROR_WANT_WRITE: events = Int16(POLLOUT)
        case SSL_ERROR_SYSCALL where errno != 0: throw SystemError(call: "SSL", code: errno)
        default:
            let queued = openSSL.queuedErrors()
            throw TLSError.refused(queued.isEmpty ? "TLS error \(code)" : queued)
        }
        guard try socket.poll(events: events, deadline: deadline) else { throw timeout }
    }

    public func close() {
        _ = openSSL.SSL_shutdown(ssl)
        socket.close()
    }
}

/// Why a TLS session could not be set up.
public enum TLSError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The server's certificate was not accepted.
    case untrusted(String)
    /// The server's certificate chains to no CA this side trusts (OpenSSL's words for why).
    case unknownAuthority(String)
    /// The handshake failed for another reason.
    case refused(String)
    /// A certificate, key or CA file could not be used.
    case badFile(String, String)
    /// OpenSSL could not be set up.
    case setup(String)
    /// The handshake did not finish in time.
    case timedOut

    public var description: String {
        switch self {
        case .untrusted(let reason), .refused(let reason): reason
        case .unknownAuthority(let reason): "unknown certificate authority (\(reason))"
        case .badFile(let what, let reason): "cannot use \(what): \(reason)"
        case .setup(let reason): "TLS setup failed: \(reason)"
        case .timedOut: "the TLS handshake timed out"
        }
    }
}
