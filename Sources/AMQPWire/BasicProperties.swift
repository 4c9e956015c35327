/// The 14 content properties of the `basic` class, in wire order (spec 4.2.6.1, class basic).
///
/// A nil property is absent: its flag bit is clear and nothing is written for it.
///
/// The values live in one shared box, copied only when a copy is changed (copy on write): a
/// message's properties pass through several layers, and copying fourteen optionals at each of
/// them cost more than decoding them.
public struct BasicProperties: Hashable, Sendable {
    /// The fourteen values.
    struct Fields: Hashable, Sendable {
        var contentType: String?
        var contentEncoding: String?
        var headers: FieldTable?
        var deliveryMode: UInt8?
        var priority: UInt8?
        var correlationID: String?
        var replyTo: String?
        var expiration: String?
        var messageID: String?
        var timestamp: UInt64?
        var type: String?
        var userID: String?
        var appID: String?
        var clusterID: String?
    }

    private final class Box: @unchecked Sendable {
        // Mutated only through a uniquely referenced box (`set`), so sharing it is safe.
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }

        /// Encodes the fields where they are, without copying them out of the box.
        func encode(to writer: inout ByteWriter) throws(WireError) { try fields.encode(to: &writer) }
    }

    /// The box every property-less value shares.
    private static let emptyBox = Box(Fields())
    private var box: Box

    init(fields: Fields) { box = Box(fields) }

    /// Sets one property to `value` with `change` (where it was `current`), copying the box first
    /// when it is shared. Setting an absent property to nil changes nothing, so such a value keeps
    /// sharing the empty box. (A closure, not a key path: no key path object is made at run time.)
    private mutating func set<Value>(_ value: Value?, replacing current: Value?, _ change: (inout Fields) -> Void) {
        guard value != nil || current != nil else { return }
        if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
        change(&box.fields)
    }

    public static func == (left: BasicProperties, right: BasicProperties) -> Bool {
        left.box === right.box || left.box.fields == right.box.fields
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(box.fields) }

    public var contentType: String? {
        get { box.fields.contentType }
        set { set(newValue, replacing: box.fields.contentType) { $0.contentType = newValue } }
    }
    public var contentEncoding: String? {
        get { box.fields.contentEncoding }
        set { set(newValue, replacing: box.fields.contentEncoding) { $0.contentEncoding = newValue } }
    }
    public var headers: FieldTable? {
        get { box.fields.headers }
        set { set(newValue, replacing: box.fields.headers) { $0.headers = newValue } }
    }
    /// 1 for transient, 2 for persistent.
    public var deliveryMode: UInt8? {
        get { box.fields.deliveryMode }
        set { set(newValue, replacing: box.fields.deliveryMode) { $0.deliveryMode = newValue } }
    }
    public var priority: UInt8? {
        get { box.fields.priority }
        set { set(newValue, replacing: box.fields.priority) { $0.priority = newValue } }
    }
    public var correlationID: String? {
        get { box.fields.correlationID }
        set { set(newValue, replacing: box.fields.correlationID) { $0.correlationID = newValue } }
    }
    public var replyTo: String? {
        get { box.fields.replyTo }
        set { set(newValue, replacing: box.fields.replyTo) { $0.replyTo = newValue } }
    }
    /// A per-message TTL in milliseconds, as decimal text (RabbitMQ's convention).
    public var expiration: String? {
        get { box.fields.expiration }
        set { set(newValue, replacing: box.fields.expiration) { $0.expiration = newValue } }
    }
    public var messageID: String? {
        get { box.fields.messageID }
        set { set(newValue, replacing: box.fields.messageID) { $0.messageID = newValue } }
    }
    /// Seconds since the Unix epoch.
    public var timestamp: UInt64? {
        get { box.fields.timestamp }
        set { set(newValue, replacing: box.fields.timestamp) { $0.timestamp = newValue } }
    }
    public var type: String? {
        get { box.fields.type }
        set { set(newValue, replacing: box.fields.type) { $0.type = newValue } }
    }
    public var userID: String? {
        get { box.fields.userID }
        set { set(newValue, replacing: box.fields.userID) { $0.userID = newValue } }
    }
    public var appID: String? {
        get { box.fields.appID }
        set { set(newValue, replacing: box.fields.appID) { $0.appID = newValue } }
    }
    public var clusterID: String? {
        get { box.fields.clusterID }
        set { set(newValue, replacing: box.fields.clusterID) { $0.clusterID = newValue } }
    }

    public init(
        contentType: String? = nil, contentEncoding: String? = nil, headers: FieldTable? = nil,
        deliveryMode: UInt8? = nil, priority: UInt8? = nil, correlationID: String? = nil,
        replyTo: String? = nil, expiration: String? = nil, messageID: String? = nil,
        timestamp: UInt64? = nil, type: String? = nil, userID: String? = nil, appID: String? = nil,
        clusterID: String? = nil
    ) {
        box = Self.emptyBox
        if contentType == nil, contentEncoding == nil, headers == nil, deliveryMode == nil, priority == nil,
            correlationID == nil,
            replyTo == nil, expiration == nil, messageID == nil, timestamp == nil, type == nil, userID == nil,
            appID == nil,
            clusterID == nil
        {
            return
        }
        box = Box(
            Fields(
                contentType: contentType, contentEncoding: contentEncoding, headers: headers,
                deliveryMode: deliveryMode,
                priority: priority, correlationID: correlationID, replyTo: replyTo, expiration: expiration,
                messageID: messageID,
                timestamp: timestamp, type: type, userID: userID, appID: appID, clusterID: clusterID))
    }

    /// Writes the property flags, then each present property.
    public func encode(to writer: inout ByteWriter) throws(WireError) {
        // No property set (the common case): only the flags, all clear.
        if box === Self.emptyBox { return writer.writeInteger(UInt16(0)) }
        try box.encode(to: &writer)
    }

    /// Reads the property flags and the properties they announce.
    public static func decode(from reader: inout ByteReader) throws(WireError) -> BasicProperties {
        let flags = try reader.decodeInteger(as: UInt16.self, .propertyFlags)
        // No property at all (the common case): the shared empty value, nothing built.
        if flags == 0 { return BasicProperties() }
        return BasicProperties(fields: try Fields.decode(flags: flags, from: &reader))
    }
}
