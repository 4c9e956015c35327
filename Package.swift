// swift-tools-version: 6.0
import PackageDescription

// No unsafeFlags here, so the AMQP library can be a versioned dependency of another package. The
// shipped binary's release build (make release) adds -enforce-exclusivity=unchecked: it leaves out
// the run-time exclusivity checks (with them mq executes 1.5-1.7 times the instructions per message,
// Benchmarks/README.md); debug builds, which the tests run, keep them.
let package = Package(
    name: "mq",
    products: [
        .executable(name: "mq", targets: ["mq"]),
        .library(name: "AMQP", targets: ["AMQP"]),
    ],
    targets: [
        // The pure AMQP 0-9-1 codec: bytes in, values out. No sockets, no clocks.
        .target(name: "AMQPWire"),
        // The pure AMQP 1.0 codec: the type system, frames, performatives, message sections. No
        // sockets, no clocks.
        .target(name: "AMQP10Wire"),
        // OpenSSL's headers, for TLS (amqps:// and https://); needs libssl-dev to build. Not linked:
        // the Transport module loads libssl when TLS is first used (Sources/Transport/OpenSSL.swift).
        .systemLibrary(name: "COpenSSL"),
        // Byte streams with deadlines: TCP (getaddrinfo, connect with a deadline), TLS over the
        // OpenSSL loader, the errno wrapper. Knows nothing of AMQP or HTTP.
        .target(name: "Transport", dependencies: ["COpenSSL"]),
        // The client: URI, connection, channels, publisher, consumer.
        .target(name: "AMQP", dependencies: ["AMQPWire", "Transport"]),
        // The AMQP 1.0 client: SASL, connection, session and link state machines over the same byte
        // streams; senders with outcomes, receivers with credit.
        .target(name: "AMQP10", dependencies: ["AMQP10Wire", "Transport"]),
        // A small HTTP/1.1 client over the same byte streams, for the management API.
        .target(name: "HTTP", dependencies: ["Transport"]),
        // General-purpose command-line parsing; knows nothing of AMQP.
        .target(name: "ArgumentParsing"),
        // JSON values with their key order kept: a parser, a hand-written serializer, paths into them.
        .target(name: "JSON"),
        // Where a message would go: RabbitMQ's exchange types, bindings and alternate exchanges
        // computed over a topology read from the management API's JSON.
        .target(name: "Routing", dependencies: ["AMQPWire", "JSON"]),
        // RabbitMQ's HTTP management API: where it is, its paths, its errors, a kept-alive client.
        .target(name: "ManagementAPI", dependencies: ["AMQP", "HTTP", "JSON", "Transport"]),
        // A full-screen terminal: raw keys, the alternate screen, lines cut to the width, resizes.
        .target(name: "TerminalUI", dependencies: ["Transport"]),
        // mq's commands, a folder per verb family (the verb and its engine) beside the shared parts:
        // the command tree and invocation, options and configuration, failures and exit statuses,
        // I/O, message formats, values.
        .target(
            name: "MQCommands",
            dependencies: [
                "AMQPWire", "AMQP", "Transport", "ArgumentParsing", "HTTP", "JSON", "Routing", "ManagementAPI",
                "TerminalUI", "AMQP10Wire", "AMQP10",
            ]),
        // The process's command line, kept before main runs (no /proc needed).
        .target(name: "CProcessArguments"),
        .executableTarget(name: "mq", dependencies: ["MQCommands", "CProcessArguments"]),

        // What the test targets share, written once: the fake broker and proxy, running mq, the broker
        // gate and fresh-queue traits, bounded polls. It imports Testing (from the toolchain), so its
        // helpers can #require.
        .target(name: "TestSupport", dependencies: ["AMQP", "AMQPWire", "Transport"], path: "Tests/TestSupport"),
        .testTarget(name: "AMQPWireTests", dependencies: ["AMQPWire", "TestSupport"]),
        .testTarget(name: "AMQP10WireTests", dependencies: ["AMQP10Wire", "TestSupport"]),
        .testTarget(name: "AMQP10Tests", dependencies: ["AMQP10", "AMQP10Wire", "TestSupport"]),
        .testTarget(name: "TransportTests", dependencies: ["Transport", "TestSupport"]),
        .testTarget(name: "AMQPTests", dependencies: ["AMQP", "TestSupport"]),
        .testTarget(name: "HTTPTests", dependencies: ["HTTP", "TestSupport"]),
        .testTarget(name: "ArgumentParsingTests", dependencies: ["ArgumentParsing"]),
        .testTarget(name: "JSONTests", dependencies: ["JSON"]),
        .testTarget(name: "RoutingTests", dependencies: ["Routing", "JSON"]),
        .testTarget(name: "ManagementAPITests", dependencies: ["ManagementAPI", "TestSupport"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI"]),
        .testTarget(
            name: "MQCommandsTests",
            dependencies: ["MQCommands", "JSON", "Routing", "ManagementAPI", "TerminalUI", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["mq", "TestSupport"]),
        // Faults proved through the mq binary: cluster failover (scripts/cluster), a broker stopped or
        // blocked (scripts/fault-node), SIGKILL, and a fault-injecting proxy.
        .testTarget(name: "FaultTests", dependencies: ["mq", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
