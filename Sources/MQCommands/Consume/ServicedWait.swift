import Transport

/// A connection kept serviced (heartbeats sent, frames read) while a consumer waits for its
/// reader or for room in its output: a 0-9-1 link or connection, or an AMQP 1.0 connection.
protocol ServicedWait: AnyObject {
    /// Keeps the connection serviced until `descriptor` is ready for `events`, giving poll's
    /// `revents` (with zero events: when it hangs up or fails), or until `deadline` (nil).
    func service(until deadline: Deadline, watching descriptor: Int32, events: Int16) throws(Failure) -> Int16?
    /// Keeps the connection serviced until `deadline`.
    func service(until deadline: Deadline) throws(Failure)
    /// Keeps the connection serviced until `descriptor` has room for a write. Should the
    /// connection be lost meanwhile, and the link outlive the loss, the wait goes on without it
    /// (the write finishes, no message is cut in two) and the loss is met at the next use.
    func waitForRoom(in descriptor: Int32) throws(Failure)
}
