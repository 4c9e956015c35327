import AMQP

#if canImport(Glibc)
    import Glibc
#endif

/// mq's entry point: runs a command line and exits with its status.
public enum MQ {
    /// Runs `arguments` (without the program name) and exits the process.
    public static func exit(withArguments arguments: [String]) -> Never {
        Glibc.exit(run(arguments))
    }

    static func run(_ arguments: [String]) -> Int32 {
        0
    }
}
