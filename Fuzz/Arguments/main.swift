import ArgumentParsing

@testable import MQCommands

/// libFuzzer target: the argument parser with mq's real command tree, and the help and usage
/// text it leads to.
///
/// The input is split on NUL or newline into words. A word `@NAME=VALUE` goes into the
/// environment (for options that read one, e.g. MQ_URL); the others are the arguments, without
/// the program name.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzArguments(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    var arguments: [String] = []
    var environment: [String: String] = [:]
    for word in bytes.split(omittingEmptySubsequences: false, whereSeparator: { $0 == 0 || $0 == 10 }) {
        let text = String(decoding: word, as: UTF8.self)
        if text.hasPrefix("@"), let equals = text.firstIndex(of: "=") {
            let name = text[text.index(after: text.startIndex)..<equals]
            environment[String(name)] = String(text[text.index(after: equals)...])
        } else {
            arguments.append(text)
        }
    }
    let formatter = HelpFormatter(program: "mq", root: CommandTree.root)
    let parsed: ParsedCommand
    let command: Command
    do {
        (parsed, command) = try Parser(root: CommandTree.root, environment: Environment(environment)).parseCommand(
            arguments)
    } catch {
        _ = error.message
        _ = formatter.usage(for: error.commandPath)
        return 0
    }
    // What mq does next with a parsed command line, short of running it.
    for option in parsed.options {
        _ = parsed.values(option.name)
        _ = parsed.source(option.name)
    }
    _ = parsed.brokenRule(among: CommandTree.root.rules + command.rules)
    if parsed[GlobalOptions.help] || parsed.path.isEmpty || parsed.path == ["help"] {
        let topic = parsed.path == ["help"] ? parsed[CommandTree.helpTopic] : parsed.path
        if formatter.command(at: topic) != nil { _ = formatter.help(for: topic) }
    }
    _ = command.action
    return 0
}
