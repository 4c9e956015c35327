/// What names a method on the wire: its class id and method id (spec 4.2.4).
public struct MethodID: Hashable, Sendable, CustomStringConvertible {
    public let classID: UInt16
    public let methodID: UInt16

    public init(classID: UInt16, methodID: UInt16) {
        self.classID = classID
        self.methodID = methodID
    }

    /// The dotted spec name (`queue.declare-ok`), or the ids for a method the spec does not define.
    public var description: String {
        Method.name(classID: classID, methodID: methodID) ?? "method \(classID).\(methodID)"
    }
}

extension MethodPayload {
    /// The method's ids.
    public static var id: MethodID { MethodID(classID: classID, methodID: methodID) }
}

extension Method {
    /// The method's ids.
    public var id: MethodID { type(of: payload).id }
}
