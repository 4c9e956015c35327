import AMQP

/// mq itself: its name and version, for `mq --version`, the man page, the API's User-Agent and
/// the client properties the broker shows.
enum Product {
    static let name = "mq"
    static let version = "0.1.0"
    static let identity = ClientIdentity(product: name, version: version, information: "AMQP 0-9-1 command-line client")
}
