import CProcessArguments
import MQCommands

/// The words after the program name, as the process got them (not through /proc).
let arguments = stride(from: 1, to: Int(process_argument_count()), by: 1).compactMap { index in
    process_argument(Int32(index)).map { String(cString: $0) }
}
MQ.exit(withArguments: arguments)
