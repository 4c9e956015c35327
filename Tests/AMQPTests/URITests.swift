import AMQP
import Testing
import Transport

@Suite("AMQP URIs, as RabbitMQ's URI spec defines them")
struct URITests {
    /// The examples of the spec's appendix, with what each must parse to (defaults elsewhere).
    static let specExamples: [(String, ConnectionSettings)] = [
        (
            "amqp://user:pass@host:10000/vhost",
            ConnectionSettings(host: "host", port: 10000, user: "user", password: "pass", virtualHost: "vhost")
        ),
        (
            "amqp://user%61:%61pass@ho%61st:10000/v%2fhost",
            ConnectionSettings(host: "hoast", port: 10000, user: "usera", password: "apass", virtualHost: "v/host")
        ),
        ("amqp://", ConnectionSettings()),
        ("amqp://:@/", ConnectionSettings(user: "", password: "", virtualHost: "")),
        ("amqp://user@", ConnectionSettings(user: "user")),
        ("amqp://user:pass@", ConnectionSettings(user: "user", password: "pass")),
        ("amqp://host", ConnectionSettings(host: "host")),
        ("amqp://:10000", ConnectionSettings(port: 10000)),
        ("amqp:///vhost", ConnectionSettings(virtualHost: "vhost")),
        ("amqp://host/", ConnectionSettings(host: "host", virtualHost: "")),
        ("amqp://host/%2f", ConnectionSettings(host: "host", virtualHost: "/")),
        ("amqp://[::1]", ConnectionSettings(host: "::1")),
    ]

    @Test("parses every example in the spec's appendix", arguments: specExamples)
    func specExample(uri: String, expected: ConnectionSettings) throws {
        #expect(try ConnectionSettings(uri: uri) == expected)
    }

    @Test("the defaults are guest/guest on localhost:5672, vhost '/'")
    func defaults() throws {
        let settings = try ConnectionSettings(uri: "amqp://")
        #expect(settings.user == "guest")
        #expect(settings.password == "guest")
        #expect(settings.host == "localhost")
        #expect(settings.port == 5672)
        #expect(settings.virtualHost == "/")
        #expect(!settings.useTLS)
    }

    @Test("amqps turns TLS on with default port 5671, unless a port is given")
    func amqps() throws {
        let settings = try ConnectionSettings(uri: "amqps://host")
        #expect(settings.useTLS)
        #expect(settings.port == 5671)
        #expect(try ConnectionSettings(uri: "amqps://host:1234").port == 1234)
    }

    @Test("the scheme is case-insensitive")
    func schemeCase() throws {
        #expect(try ConnectionSettings(uri: "AMQPS://host").useTLS)
    }

    @Test("an IPv6 literal in brackets may carry a port")
    func bracketedIPv6WithPort() throws {
        let settings = try ConnectionSettings(uri: "amqp://[fe80::1]:5673/")
        #expect(settings.host == "fe80::1")
        #expect(settings.port == 5673)
    }

    @Test("a password may contain an unescaped '@': the last one ends the user info")
    func atInPassword() throws {
        let settings = try ConnectionSettings(uri: "amqp://user:p@ss@host")
        #expect(settings.password == "p@ss")
        #expect(settings.host == "host")
    }

    @Test("query parameters set heartbeat, connection timeout (ms), channel_max and frame_max")
    func queryParameters() throws {
        let settings = try ConnectionSettings(
            uri: "amqp://host/?heartbeat=10&connection_timeout=2500&channel_max=64&frame_max=8192")
        #expect(settings.heartbeat == 10)
        #expect(settings.connectionTimeout == 2.5)
        #expect(settings.channelMax == 64)
        #expect(settings.frameMax == 8192)
        #expect(settings.virtualHost == "")
    }

    @Test("frame_max may be 0 (no limit) or exactly the 4096-byte minimum")
    func frameMaxBounds() throws {
        #expect(try ConnectionSettings(uri: "amqp://host?frame_max=0").frameMax == 0)
        #expect(try ConnectionSettings(uri: "amqp://host?frame_max=4096").frameMax == 4096)
    }

    static let password = "s3cr3t-Pw"

    /// Malformed URIs, each with the part its error must name; each holds `password` somewhere.
    static let malformed: [(uri: String, part: String)] = [
        ("http://user:\(password)@host/", "scheme"),
        ("amqp:/user:\(password)@host", "scheme"),
        ("user:\(password)@host", "scheme"),
        ("amqp://user:\(password)@host:0", "port"),
        ("amqp://user:\(password)@host:70000", "port"),
        ("amqp://user:\(password)@host:abc", "port"),
        ("amqp://user:\(password)@host:+5672", "port"),
        ("amqp://user:\(password)@[::1]:abc", "port"),
        ("amqp://user:\(password)@[::1", "host"),
        ("amqp://user:\(password)@[::1]5672", "host"),
        ("amqp://user:\(password)@::1", "host"),
        ("amqp://user:\(password)@fe80::1:5672/", "host"),
        ("amqp://us%zzer:\(password)@host", "user"),
        ("amqp://user%ff:\(password)@host", "user"),
        ("amqp://user:\(password)%4@host", "password"),
        ("amqp://user:%zz\(password)@host", "password"),
        ("amqp://user:\(password)%c3%28@host", "password"),
        ("amqp://user:\(password)@ho%st", "host"),
        ("amqp://user:\(password)@host/v%2", "vhost"),
        ("amqp://user:\(password)@host/v%g0host", "vhost"),
        ("amqp://user:\(password)@host/a/b", "vhost"),
        ("amqp://user:\(password)@host?bogus=1", "query"),
        ("amqp://user:\(password)@host?frame_max=1024", "frame_max"),
        ("amqp://user:\(password)@host?frame_max=big", "frame_max"),
        ("amqp://user:\(password)@host?heartbeat=70000", "heartbeat"),
        ("amqp://user:\(password)@host?channel_max=-1", "channel_max"),
        ("amqp://user:\(password)@host?connection_timeout=soon", "connection_timeout"),
        // A forgotten '@', or an unescaped '/', '?' or '#' in the password, leaves the password
        // where the port or host belongs; the error must still not show it.
        ("amqp://user:\(password)", "port"),
        ("amqp://user:\(password)/vhost", "port"),
        ("amqp://user:s3cr3t?Pw@host", "port"),
        ("amqp://user:s3cr3t#Pw@host", "port"),
        ("amqp://user:s3cr3t/Pw@host/", "vhost"),
    ]

    @Test("a malformed URI is an error naming the wrong part", arguments: malformed)
    func malformedURI(uri: String, part: String) throws {
        let error = try #require(throws: URIError.self) { try ConnectionSettings(uri: uri) }
        #expect(error.part == part)
        #expect(error.description.hasPrefix("\(part): "))
    }

    @Test("no URI error ever shows the password, escaped or not", arguments: malformed)
    func errorsHidePassword(uri: String, part: String) throws {
        let error = try #require(throws: URIError.self) { try ConnectionSettings(uri: uri) }
        for secret in ["s3cr3t", "Pw"] {
            #expect(!error.description.contains(secret), "\(error) shows the password")
            #expect(!String(describing: error).contains(secret))
            #expect(!String(reflecting: error).contains(secret))
        }
    }

    @Test("redactedURI shows the password as *** and nothing else of it")
    func redacted() throws {
        let settings = try ConnectionSettings(uri: "amqp://user:\(Self.password)@host:10000/v%2fhost")
        #expect(settings.redactedURI == "amqp://user:***@host:10000/v%2Fhost")
        #expect(!settings.redactedURI.contains("s3cr3t"))
    }

    @Test("redactedURI brackets an IPv6 host and escapes the vhost '/'")
    func redactedIPv6() throws {
        let settings = try ConnectionSettings(uri: "amqps://[::1]")
        #expect(settings.redactedURI == "amqps://guest:***@[::1]:5671/%2F")
    }

    @Test("redactedURI parses back to the same settings, with password ***")
    func redactedRoundTrip() throws {
        let settings = try ConnectionSettings(uri: "amqps://us%20er:\(Self.password)@[fe80::1]:1234/my%2Fvhost")
        var expected = settings
        expected.password = "***"
        #expect(try ConnectionSettings(uri: settings.redactedURI) == expected)
    }
}
