import COpenSSL

#if canImport(Glibc)
    import Glibc
#endif

// The members keep the C names of the symbols they are loaded from.
// swift-format-ignore: AlwaysUseLowerCamelCase
/// The OpenSSL functions TLS streams call, looked up in libssl the first time TLS is used.
///
/// mq does not link libssl: loading it and libcrypto at start-up costs about 0.7 ms, which is a
/// fifth of a whole one-message `mq publish` over plain TCP. The headers (COpenSSL) still give the
/// types and constants; the signatures below follow them.
struct OpenSSL: @unchecked Sendable {
    /// The library, loaded on first use, or why it could not be loaded.
    static let shared = Result { () throws(TLSError) in try OpenSSL(library: "libssl.so.\(OPENSSL_SHLIB_VERSION)") }

    typealias Context = OpaquePointer
    typealias Session = OpaquePointer
    typealias CString = UnsafePointer<CChar>

    let TLS_client_method: @convention(c) () -> OpaquePointer?
    let SSL_CTX_new: @convention(c) (OpaquePointer?) -> Context?
    let SSL_CTX_free: @convention(c) (Context?) -> Void
    let SSL_CTX_ctrl: @convention(c) (Context?, Int32, Int, UnsafeMutableRawPointer?) -> Int
    let SSL_CTX_set_verify: @convention(c) (Context?, Int32, UnsafeRawPointer?) -> Void
    let SSL_CTX_set_default_verify_paths: @convention(c) (Context?) -> Int32
    let SSL_CTX_load_verify_locations: @convention(c) (Context?, CString?, CString?) -> Int32
    let SSL_CTX_use_certificate_chain_file: @convention(c) (Context?, CString?) -> Int32
    let SSL_CTX_use_PrivateKey_file: @convention(c) (Context?, CString?, Int32) -> Int32
    let SSL_CTX_check_private_key: @convention(c) (Context?) -> Int32
    let SSL_new: @convention(c) (Context?) -> Session?
    let SSL_free: @convention(c) (Session?) -> Void
    let SSL_ctrl: @convention(c) (Session?, Int32, Int, UnsafeMutableRawPointer?) -> Int
    let SSL_get0_param: @convention(c) (Session?) -> OpaquePointer?
    let X509_VERIFY_PARAM_set1_ip_asc: @convention(c) (OpaquePointer?, CString?) -> Int32
    let SSL_set1_host: @convention(c) (Session?, CString?) -> Int32
    let SSL_set_fd: @convention(c) (Session?, Int32) -> Int32
    let SSL_connect: @convention(c) (Session?) -> Int32
    let SSL_get_error: @convention(c) (Session?, Int32) -> Int32
    let SSL_get_verify_result: @convention(c) (Session?) -> Int
    let X509_verify_cert_error_string: @convention(c) (Int) -> CString?
    let SSL_write: @convention(c) (Session?, UnsafeRawPointer?, Int32) -> Int32
    let SSL_read: @convention(c) (Session?, UnsafeMutableRawPointer?, Int32) -> Int32
    let SSL_shutdown: @convention(c) (Session?) -> Int32
    let SSL_pending: @convention(c) (Session?) -> Int32
    let ERR_clear_error: @convention(c) () -> Void
    let ERR_get_error: @convention(c) () -> UInt
    let ERR_peek_error: @convention(c) () -> UInt
    let ERR_reason_error_string: @convention(c) (UInt) -> CString?

    /// Loads `library` (and libcrypto, which it needs) and looks up every function.
    private init(library: String) throws(TLSError) {
        guard let handle = dlopen(library, RTLD_NOW | RTLD_LOCAL) else {
            let reason = dlerror().map { String(cString: $0) } ?? "not found"
            throw TLSError.setup(
                "TLS needs OpenSSL's \(library) (package libssl3, or libssl3t64 on newer Ubuntu): \(reason)")
        }
        // dlsym searches the library and then what it depends on, so libcrypto's functions are found too.
        func function<F>(_ name: String) throws(TLSError) -> F {
            guard let address = dlsym(handle, name) else { throw TLSError.setup("\(library) has no function \(name)") }
            return unsafeBitCast(address, to: F.self)
        }
        TLS_client_method = try function("TLS_client_method")
        SSL_CTX_new = try function("SSL_CTX_new")
        SSL_CTX_free = try function("SSL_CTX_free")
        SSL_CTX_ctrl = try function("SSL_CTX_ctrl")
        SSL_CTX_set_verify = try function("SSL_CTX_set_verify")
        SSL_CTX_set_default_verify_paths = try function("SSL_CTX_set_default_verify_paths")
        SSL_CTX_load_verify_locations = try function("SSL_CTX_load_verify_locations")
        SSL_CTX_use_certificate_chain_file = try function("SSL_CTX_use_certificate_chain_file")
        SSL_CTX_use_PrivateKey_file = try function("SSL_CTX_use_PrivateKey_file")
        SSL_CTX_check_private_key = try function("SSL_CTX_check_private_key")
        SSL_new = try function("SSL_new")
        SSL_free = try function("SSL_free")
        SSL_ctrl = try function("SSL_ctrl")
        SSL_get0_param = try function("SSL_get0_param")
        X509_VERIFY_PARAM_set1_ip_asc = try function("X509_VERIFY_PARAM_set1_ip_asc")
        SSL_set1_host = try function("SSL_set1_host")
        SSL_set_fd = try function("SSL_set_fd")
        SSL_connect = try function("SSL_connect")
        SSL_get_error = try function("SSL_get_error")
        SSL_get_verify_result = try function("SSL_get_verify_result")
        X509_verify_cert_error_string = try function("X509_verify_cert_error_string")
        SSL_write = try function("SSL_write")
        SSL_read = try function("SSL_read")
        SSL_shutdown = try function("SSL_shutdown")
        SSL_pending = try function("SSL_pending")
        ERR_clear_error = try function("ERR_clear_error")
        ERR_get_error = try function("ERR_get_error")
        ERR_peek_error = try function("ERR_peek_error")
        ERR_reason_error_string = try function("ERR_reason_error_string")
    }

    /// `SSL_CTX_set_min_proto_version(context, TLS1_2_VERSION)`, a macro in the headers.
    func requireTLS12(_ context: Context) {
        _ = self.SSL_CTX_ctrl(context, SSL_CTRL_SET_MIN_PROTO_VERSION, Int(TLS1_2_VERSION), nil)
    }

    /// `SSL_set_tlsext_host_name(session, name)` (SNI), a macro in the headers.
    func setServerName(_ session: Session, _ name: String) {
        name.withCString {
            _ = self.SSL_ctrl(
                session, SSL_CTRL_SET_TLSEXT_HOSTNAME, Int(TLSEXT_NAMETYPE_host_name),
                UnsafeMutableRawPointer(mutating: $0))
        }
    }

    /// OpenSSL's queued error texts, joined; empties the queue.
    func queuedErrors() -> String {
        var texts: [String] = []
        while case let code = self.ERR_get_error(), code != 0 {
            texts.append(self.ERR_reason_error_string(code).map { String(cString: $0) } ?? "OpenSSL error \(code)")
        }
        return texts.joined(separator: "; ")
    }
}
