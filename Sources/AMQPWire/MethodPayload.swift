/// What every AMQP method shares: its ids, its dotted name, and its argument codec (spec 4.2.4).
public protocol MethodPayload: Hashable, Sendable {
    /// The class id, e.g. 50 for `queue`.
    static var classID: UInt16 { get }
    /// The method id within its class, e.g. 10 for `queue.declare`.
    static var methodID: UInt16 { get }
    /// The dotted spec name, e.g. `queue.declare`.
    static var name: String { get }
    /// Reads the method's arguments (everything after the class and method ids).
    init(decoding reader: inout ByteReader) throws(WireError)
    /// Writes the method's arguments (everything after the class and method ids).
    func encode(to writer: inout ByteWriter) throws(WireError)
}

extension Method {
    /// The dotted spec name, e.g. `queue.declare`.
    public var name: String { type(of: payload).name }
}
