import AMQP10
import AMQP10Wire
import ArgumentParsing
import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// `mq publish --protocol 1.0`: sends each message on a sender link to its address and waits
/// for its outcome as 0-9-1 waits for a confirm: `accepted` is confirmed, `released` (no queue
/// took it) counts as returned, `rejected` or `modified` as refused; up to `--confirm-window`
/// messages await theirs at once.
final class PublishOverAMQP10 {
    private let invocation: Invocation
    private let broker: AMQP10Broker
    private let window: Int
    private let timeout: Double
    /// Whether a released message is an error (`--mandatory`, the default).
    private let mandatory: Bool
    /// Where every message goes when `--address` says, as it is.
    private let address: String?
    /// A sender per address, opened when the first message to it is sent.
    private var senders: [String: Sender] = [:]
    private var tally = Tally()
    /// The first refusal's words, for the error line.
    private var firstRefusal: String?
    /// The last envelope's address and its sections before the body, encoded: every message of
    /// `--lines` shares one envelope, so they are worked out once, not once a message.
    private var encodedEnvelope: (envelope: Envelope, address: String, sections: [UInt8])?
    /// Where each message's sections are put together, reused from one message to the next.
    private var payload = ByteWriter(capacity: 256)

    private init(invocation: Invocation, broker: AMQP10Broker) {
        self.invocation = invocation
        self.broker = broker
        let parsed = invocation.parsed
        window = parsed[Publish.confirmWindow]
        timeout = parsed[Publish.timeout]
        mandatory = parsed[Publish.mandatory]
        address = parsed[Publish.address]
    }

    /// The options of publish that have no AMQP 1.0 path yet.
    static let unsupported: [any OptionDeclaration] = [Publish.rate, Publish.skipInvalid]

    static func run(_ invocation: Invocation) throws(Failure) {
        let parsed = invocation.parsed
        for option in unsupported where parsed.isSet(option) {
            throw Failure(.usage(.notOverAMQP10(option: "--" + option.spec.name)))
        }
        if !parsed[Publish.confirm] { throw Failure(.usage(.notOverAMQP10(option: "--no-confirm"))) }
        let properties = Publish.properties(parsed)
        // What the command line asks for that AMQP 1.0 cannot carry is refused before connecting.
        _ = try OutgoingMessage(body: [], envelope: Envelope(exchange: "", routingKey: "", properties: properties))
            .amqp10Message()
        var source = try MessageSource(
            parsed, body: .of(parsed, argument: parsed[Publish.body]), input: invocation.input, properties: properties)
        let broker = try AMQP10Broker(invocation)
        defer { broker.connection.close() }
        let publisher = PublishOverAMQP10(invocation: invocation, broker: broker)
        // A quiet input leaves the connection serviced: outcomes come in, the peer hears from us.
        invocation.input.waitForInput = { descriptor throws(Failure) in
            do throws(AMQP10Error) {
                _ = try broker.connection.wait(forDescriptor: descriptor, events: Int16(POLLIN), until: .distantFuture)
            } catch {
                throw Failure(error)
            }
        }
        defer { invocation.input.waitForInput = nil }
        try publisher.publishAll(from: &source)
    }

    private func publishAll(from source: inout MessageSource) throws(Failure) {
        while let message = try reportingFailures({ try source.next() }) {
            let (address, encoded) = try self.payload(of: message)
            try sending { () throws(AMQP10Error) in
                let sender = try self.sender(to: address)
                _ = try sender.send(payload: encoded, deadline: .after(seconds: timeout))
                tally.published += 1
                collectOutcomes(of: sender)
            }
        }
        try sending { () throws(AMQP10Error) in
            for sender in senders.values {
                guard try sender.waitForOutcomes(deadline: .after(seconds: timeout)) else {
                    throw AMQP10Error.timedOut(.outcomes(address: sender.address))
                }
                collectOutcomes(of: sender)
            }
        }
        if invocation.json { try invocation.emit(text: "", json: tally.json) }
        let released = mandatory ? tally.returned : 0
        if released + tally.nacked > 0 {
            throw Failure(
                .unconfirmed(
                    .outcomes(
                        sent: tally.published, released: released, refused: tally.nacked, firstRefusal: firstRefusal)))
        }
    }

    /// Where `message` goes, and it as a transfer's payload: its envelope's sections (encoded
    /// once an envelope), then its body as one data section.
    private func payload(of message: OutgoingMessage) throws(Failure) -> (address: String, payload: [UInt8]) {
        let envelope = message.envelope
        let encoded: (envelope: Envelope, address: String, sections: [UInt8])
        if let last = encodedEnvelope, last.envelope === envelope {
            encoded = last
        } else {
            var sections = try OutgoingMessage(body: [], envelope: envelope).amqp10Message()
            sections.body = .data([])
            var writer = ByteWriter(capacity: 128)
            try encoding { () throws(WireError) in try sections.encode(to: &writer) }
            let address =
                self.address
                ?? AMQP10Address.target(
                    exchange: envelope.exchange, routingKey: envelope.routingKey, form: broker.addressForm)
            encoded = (envelope, address, writer.bytes)
            encodedEnvelope = encoded
        }
        payload.removeAll()
        payload.writeBytes(encoded.sections)
        Section.encodeData(message.body, to: &payload)
        return (encoded.address, payload.bytes)
    }

    /// Runs `encode`; a value AMQP 1.0 cannot encode is a bug of mq's (its messages are built
    /// from what the command line and the input allow).
    private func encoding(_ encode: () throws(WireError) -> Void) throws(Failure) {
        do throws(WireError) { try encode() } catch { throw Failure(.bug("cannot encode a message: \(error)")) }
    }

    /// The sender to `address`, attached the first time.
    private func sender(to address: String) throws(AMQP10Error) -> Sender {
        if let sender = senders[address] { return sender }
        invocation.trace("attaching a sender to '\(address)'")
        let sender = try broker.connection.openSender(
            address: address, confirmWindow: window, deadline: .after(seconds: timeout))
        senders[address] = sender
        return sender
    }

    /// Counts the outcomes that have come for `sender`'s messages.
    private func collectOutcomes(of sender: Sender) {
        for outcome in sender.takeOutcomes() {
            switch outcome.outcome {
            case .accepted: tally.confirmed += 1
            case .released: tally.returned += 1
            case .rejected(let error):
                tally.nacked += 1
                if firstRefusal == nil { firstRefusal = error.map(AMQP10Error.line) ?? "rejected" }
            case .modified:
                tally.nacked += 1
                if firstRefusal == nil { firstRefusal = "modified (not delivered)" }
            }
        }
    }

    /// Runs `body`, adding to a failure how far publishing got.
    private func sending(_ body: () throws(AMQP10Error) -> Void) throws(Failure) {
        do throws(AMQP10Error) {
            try body()
        } catch {
            guard tally.published > 0 else { throw Failure(error) }
            throw Failure(error).adding("; \(tally.summary(unconfirmed: tally.published - tally.settled))")
        }
    }
}

extension Tally {
    /// Messages with an outcome (or a confirm) of any kind.
    var settled: Int { confirmed + returned + nacked }
}
