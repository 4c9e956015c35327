import AMQP
import Transport

/// Performs the client's handshake over the client end of a `FakePeer`, with a short deadline.
func connect(_ client: SocketStream, settings: ConnectionSettings = ConnectionSettings(), name: String? = nil)
    throws(AMQPError) -> Connection
{
    try Connection(stream: client, settings: settings, name: name, deadline: .after(seconds: 5))
}
