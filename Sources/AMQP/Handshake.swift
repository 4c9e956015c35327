import AMQPWire

/// The connection handshake (spec 2.2.4) as a state machine with no I/O: each frame the server
/// sends goes in, and what to do comes out.
struct Handshake {
    enum State {
        case awaitingStart
        case awaitingTune
        case awaitingOpenOk(Tuning)
        case open(Tuning)
        case failed
    }

    enum Action {
        /// Send these methods on channel 0 and keep reading.
        case send([Method])
        /// The connection is open with these limits.
        case opened(Tuning)
        /// Give up: the connection ends as this says.
        case end(ConnectionEnding)
    }

    private(set) var state = State.awaitingStart
    let settings: ConnectionSettings
    let clientProperties: FieldTable
    /// What the server said about itself in `connection.start`.
    private(set) var serverProperties: FieldTable = [:]

    init(settings: ConnectionSettings, clientProperties: FieldTable) {
        self.settings = settings
        self.clientProperties = clientProperties
    }

    mutating func receive(_ frame: consuming Frame) -> Action {
        switch frame {
        // The broker may start heartbeats once tune-ok is sent, before open-ok.
        case .heartbeat: return .send([])
        case .method(0, let method): return receive(connectionMethod: method)
        case .method(let channel, _), .header(let channel, _), .body(let channel, _), .delivered(let channel, _):
            return fail(.protocolViolation(.frameDuringHandshake(channel: channel)))
        }
    }

    private mutating func receive(connectionMethod method: Method) -> Action {
        switch (state, method) {
        case (.awaitingStart, .connectionStart(let start)):
            guard start.versionMajor == 0, start.versionMinor == 9 else {
                return fail(.unsupportedProtocol(serverVersion: "\(start.versionMajor)-\(start.versionMinor)"))
            }
            let mechanisms = String(decoding: start.mechanisms, as: UTF8.self).split(separator: " ")
            let mechanism = settings.authMechanism
            guard mechanisms.contains(Substring(mechanism.rawValue)) else {
                return fail(
                    .accessRefused(
                        user: settings.user, .mechanismNotOffered(mechanism, offered: mechanisms.map(String.init))))
            }
            serverProperties = start.serverProperties
            state = .awaitingTune
            // EXTERNAL takes the identity from the TLS client certificate: an empty response.
            let response =
                mechanism == .plain ? [0] + Array(settings.user.utf8) + [0] + Array(settings.password.utf8) : []
            return .send([
                .connectionStartOk(
                    ConnectionStartOk(
                        clientProperties: clientProperties, mechanism: mechanism.rawValue, response: response,
                        locale: "en_US"))
            ])
        case (.awaitingTune, .connectionSecure):
            return fail(.protocolViolation(.secureChallenge))
        case (.awaitingTune, .connectionTune(let tune)):
            // A smaller frame_max cannot even carry a body frame (spec 4.2.3, FRAME-MIN-SIZE).
            guard tune.frameMax == 0 || tune.frameMax >= Frame.minimumSize else {
                return fail(
                    .protocolViolation(.frameMaxTooSmall(proposed: tune.frameMax, minimum: UInt32(Frame.minimumSize))))
            }
            let ours = Tuning(
                channelMax: settings.channelMax, frameMax: settings.frameMax, heartbeat: settings.heartbeat)
            let theirs = Tuning(channelMax: tune.channelMax, frameMax: tune.frameMax, heartbeat: tune.heartbeat)
            let agreed = Tuning.negotiate(client: ours, server: theirs)
            state = .awaitingOpenOk(agreed)
            return .send([
                .connectionTuneOk(
                    ConnectionTuneOk(
                        channelMax: agreed.channelMax, frameMax: agreed.frameMax, heartbeat: agreed.heartbeat)),
                .connectionOpen(ConnectionOpen(virtualHost: settings.virtualHost)),
            ])
        case (.awaitingOpenOk(let tuning), .connectionOpenOk):
            state = .open(tuning)
            return .opened(tuning)
        case (_, .connectionClose(let close)):
            let reason = CloseReason(
                replyCode: ReplyCode(rawValue: close.replyCode), replyText: close.replyText, classID: close.classId,
                methodID: close.methodId)
            state = .failed
            return .end(.acknowledging(closeError(reason)))
        case (.awaitingStart, _), (.awaitingTune, _), (.awaitingOpenOk, _), (.open, _), (.failed, _):
            return fail(.protocolViolation(.methodDuringHandshake(method.id)))
        }
    }

    /// What it means when the server closes the TCP connection in the current state.
    func errorForEndOfStream() -> AMQPError {
        switch state {
        case .awaitingTune:
            // Brokers without authentication_failure_close drop the socket on a bad login.
            .accessRefused(user: settings.user, .closedDuringAuthentication)
        case .awaitingStart, .awaitingOpenOk, .open, .failed:
            .connectionLost(.closedDuringHandshake)
        }
    }

    /// A violation is reported to the server as after the handshake; anything else (a protocol
    /// version or mechanism we cannot use) just ends the connection.
    private mutating func fail(_ error: AMQPError) -> Action {
        state = .failed
        if case .protocolViolation(let violation) = error { return .end(.reporting(violation)) }
        return .end(.dropping(error))
    }

    private func closeError(_ reason: CloseReason) -> AMQPError {
        switch reason.replyCode {
        case .accessRefused
        where reason.classID == ConnectionOpen.classID && reason.methodID == ConnectionOpen.methodID:
            .vhostRefused(vhost: settings.virtualHost, reason: reason)
        case .accessRefused: .accessRefused(user: settings.user, .closedByBroker(reason))
        case .notAllowed, .invalidPath: .vhostRefused(vhost: settings.virtualHost, reason: reason)
        default: .connectionClosed(reason)
        }
    }
}
