import Transport

extension AMQP10Connection {
    /// Keeps the connection serviced (frames read, outcomes taken in, empty frames sent before
    /// the peer's idle-time-out) until `descriptor` is ready for `events` or `deadline` passes:
    /// the descriptor's `revents`, or nil at the deadline. A publisher waits for its input so.
    public func wait(forDescriptor descriptor: Int32, events: Int16, until deadline: Deadline) throws(AMQP10Error)
        -> Int16?
    {
        switch try wait(until: deadline, watching: descriptor, events: events, { false }) {
        case .descriptor(let revents): revents
        case .done, .timedOut: nil
        }
    }
}
