import AMQP
import AMQPWire

/// What to do instead of an AMQP 0-9-1 method a stream queue does not take.
enum StreamAdvice {
    /// One clause for the error line when the broker refused `basic.get` as not implemented,
    /// which is how RabbitMQ (3.x and 4.x alike) refuses it on a stream: it closes the whole
    /// connection with 540 NOT_IMPLEMENTED, naming basic.get. Nil for any other close.
    static func of(_ reason: CloseReason) -> String? {
        guard reason.replyCode == .notImplemented,
            MethodID(classID: reason.classID, methodID: reason.methodID) == BasicGet.id
        else { return nil }
        return "a stream is read by consuming it: use `mq consume QUEUE --offset first --count N` instead"
    }
}
