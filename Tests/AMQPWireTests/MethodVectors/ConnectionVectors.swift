import AMQPWire
import TestSupport

extension MethodVector {
    /// Class `connection`, id 10 (00 0a).
    static let connection: [MethodVector] = [
        // connection.start (10, 10): version-major octet 0, version-minor octet 9;
        // server-properties, a table of 60 (0x3c) bytes:
        //   "product" (7) S longstr(8) "RabbitMQ"                            1+7+1+4+8  = 21
        //   "capabilities" (12) F table(21) { "publisher_confirms" (18) t 1 } 1+12+1+4+21 = 39
        // mechanisms longstr(14) "AMQPLAIN PLAIN"; locales longstr(5) "en_US".
        MethodVector(
            .connectionStart(
                ConnectionStart(
                    versionMajor: 0, versionMinor: 9,
                    serverProperties: [
                        "product": .string("RabbitMQ"),
                        "capabilities": .table(["publisher_confirms": .boolean(true)]),
                    ],
                    mechanisms: Array("AMQPLAIN PLAIN".utf8), locales: Array("en_US".utf8))),
            hex(
                """
                000a 000a | 00 | 09 | 0000003c
                07 'product' 'S' 00000008 'RabbitMQ'
                0c 'capabilities' 'F' 00000015 12 'publisher_confirms' 't' 01
                0000000e 'AMQPLAIN PLAIN' | 00000005 'en_US'
                """)),
        // connection.start-ok (10, 11): client-properties, a table of 15 (0x0f) bytes:
        // "product" (7) S longstr(2) "mq" = 1+7+1+4+2; mechanism shortstr(5) "PLAIN";
        // response longstr(12) NUL "guest" NUL "guest" (SASL PLAIN); locale shortstr(5) "en_US".
        MethodVector(
            .connectionStartOk(
                ConnectionStartOk(
                    clientProperties: ["product": .string("mq")], mechanism: "PLAIN",
                    response: [0] + Array("guest".utf8) + [0] + Array("guest".utf8), locale: "en_US")),
            hex(
                """
                000a 000b | 0000000f 07 'product' 'S' 00000002 'mq' | 05 'PLAIN'
                0000000c 00 'guest' 00 'guest' | 05 'en_US'
                """)),
        // connection.secure (10, 20): challenge longstr(3) "abc".
        MethodVector(
            .connectionSecure(ConnectionSecure(challenge: Array("abc".utf8))),
            hex("000a 0014 | 00000003 'abc'")),
        // connection.secure-ok (10, 21): response longstr(3) "xyz".
        MethodVector(
            .connectionSecureOk(ConnectionSecureOk(response: Array("xyz".utf8))),
            hex("000a 0015 | 00000003 'xyz'")),
        // connection.tune (10, 30): channel-max short 2047, frame-max long 131072, heartbeat short 60.
        MethodVector(
            .connectionTune(ConnectionTune(channelMax: 2047, frameMax: 131_072, heartbeat: 60)),
            hex("000a 001e | 07ff | 00020000 | 003c")),
        // connection.tune-ok (10, 31): channel-max 2047, frame-max 131072, heartbeat 30.
        MethodVector(
            .connectionTuneOk(ConnectionTuneOk(channelMax: 2047, frameMax: 131_072, heartbeat: 30)),
            hex("000a 001f | 07ff | 00020000 | 001e")),
        // connection.open (10, 40): virtual-host shortstr(4) "prod"; reserved capabilities, an
        // empty shortstr; reserved insist, a lone bit in its own octet, 0.
        MethodVector(
            .connectionOpen(ConnectionOpen(virtualHost: "prod")),
            hex("000a 0028 | 04 'prod' | 00 | 00")),
        // connection.open-ok (10, 41): reserved known-hosts, an empty shortstr.
        MethodVector(.connectionOpenOk(ConnectionOpenOk()), hex("000a 0029 | 00")),
        // connection.close (10, 50): reply-code short 530 (0x0212); reply-text shortstr(11)
        // "NOT_ALLOWED"; class-id short 10, method-id short 40 (the failing connection.open).
        MethodVector(
            .connectionClose(ConnectionClose(replyCode: 530, replyText: "NOT_ALLOWED", classId: 10, methodId: 40)),
            hex("000a 0032 | 0212 | 0b 'NOT_ALLOWED' | 000a | 0028")),
        // connection.close-ok (10, 51): no arguments.
        MethodVector(.connectionCloseOk(ConnectionCloseOk()), hex("000a 0033")),
        // connection.blocked (10, 60): reason shortstr(13) "low on memory".
        MethodVector(
            .connectionBlocked(ConnectionBlocked(reason: "low on memory")),
            hex("000a 003c | 0d 'low on memory'")),
        // connection.unblocked (10, 61): no arguments.
        MethodVector(.connectionUnblocked(ConnectionUnblocked()), hex("000a 003d")),
        // connection.update-secret (10, 70): new-secret longstr(6) "secret"; reason shortstr(7) "rotated".
        MethodVector(
            .connectionUpdateSecret(ConnectionUpdateSecret(newSecret: Array("secret".utf8), reason: "rotated")),
            hex("000a 0046 | 00000006 'secret' | 07 'rotated'")),
        // connection.update-secret-ok (10, 71): no arguments.
        MethodVector(.connectionUpdateSecretOk(ConnectionUpdateSecretOk()), hex("000a 0047")),
    ]
}
