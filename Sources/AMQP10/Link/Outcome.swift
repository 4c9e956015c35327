import AMQP10Wire

/// How a delivery ended: the terminal delivery states of AMQP 1.0 section 3.4.
public enum Outcome: Hashable, Sendable {
    /// The receiver took the message.
    case accepted
    /// The receiver refused the message, with its reason.
    case rejected(AMQPError?)
    /// The receiver gave the message back unprocessed (RabbitMQ: no queue took it).
    case released
    /// The receiver gave the message back: `deliveryFailed` counts the attempt, `undeliverableHere`
    /// keeps it from this receiver.
    case modified(deliveryFailed: Bool, undeliverableHere: Bool)

    /// The outcome a delivery state stands for, nil for the non-terminal `received`.
    init?(_ state: DeliveryState) {
        switch state {
        case .accepted: self = .accepted
        case .rejected(let rejected): self = .rejected(rejected.error)
        case .released: self = .released
        case .modified(let modified):
            self = .modified(
                deliveryFailed: modified.deliveryFailed ?? false, undeliverableHere: modified.undeliverableHere ?? false
            )
        case .received: return nil
        }
    }

    /// The delivery state that carries this outcome.
    var deliveryState: DeliveryState {
        switch self {
        case .accepted: .accepted
        case .rejected(let error): .rejected(Rejected(error: error))
        case .released: .released
        case .modified(let deliveryFailed, let undeliverableHere):
            .modified(Modified(deliveryFailed: deliveryFailed, undeliverableHere: undeliverableHere))
        }
    }
}
