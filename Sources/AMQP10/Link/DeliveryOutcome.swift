/// A sent message's outcome, as the receiver reported it.
public struct DeliveryOutcome: Hashable, Sendable {
    /// The id `Sender.send` returned for the message.
    public let deliveryID: UInt32
    /// What the receiver did with the message.
    public let outcome: Outcome

    /// An outcome for the message sent as `deliveryID`.
    public init(deliveryID: UInt32, outcome: Outcome) {
        self.deliveryID = deliveryID
        self.outcome = outcome
    }
}
