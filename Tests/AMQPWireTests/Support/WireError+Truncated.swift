import AMQPWire

extension WireError {
    /// True for `.truncated`, whichever field ran out: for checks over every prefix of an input,
    /// where the field that runs out changes from one prefix length to the next.
    var isTruncated: Bool {
        if case .truncated = self { true } else { false }
    }
}
