import AMQP

/// A message as consume and get take it, whatever the protocol: the 0-9-1 delivery it reads as,
/// and what an AMQP 1.0 message carries beyond one (nil over 0-9-1).
struct ReceivedMessage {
    var delivery: Delivery
    var beyondAMQP091: BeyondAMQP091?

    init(_ delivery: Delivery, beyondAMQP091: BeyondAMQP091? = nil) {
        self.delivery = delivery
        self.beyondAMQP091 = beyondAMQP091
    }
}
