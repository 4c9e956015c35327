#if canImport(Glibc)
    import Glibc
#endif

/// A failed libc call: which call, and the errno it left.
public struct SystemError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The libc function that failed, e.g. `connect`.
    public let call: String
    /// The errno value.
    public let code: Int32

    public init(call: String, code: Int32) {
        self.call = call
        self.code = code
    }

    /// `connect: Connection refused`.
    public var description: String { "\(call): \(String(cString: strerror(code)))" }

    /// The text of the errno alone, e.g. `Connection refused`.
    public var reason: String { String(cString: strerror(code)) }
}

/// Runs a libc call, retrying while it fails with EINTR, and throws `SystemError` on failure.
///
/// The one place a call is retried after a signal and errno is turned into a typed error, for
/// every module: a call that returns a negative number on failure (as `read`, `write`, `open`,
/// `poll`, `waitpid`, `tcsetattr` and most others do) is passed as `body`, and `name` is the
/// call's name, shown in the error (`write: Broken pipe`). Callers that expect an errno (EAGAIN
/// on a non-blocking descriptor, EPIPE from a reader gone) read it from the error's `code`.
///
/// - Returns: what `body` returned, when it is not negative.
@discardableResult
public func syscall<T: FixedWidthInteger>(_ name: String, _ body: () -> T) throws(SystemError) -> T {
    while true {
        let result = body()
        if result >= 0 { return result }
        let code = errno
        if code == EINTR { continue }
        throw SystemError(call: name, code: code)
    }
}
