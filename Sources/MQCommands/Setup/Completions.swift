import AMQP
import ArgumentParsing

/// `mq completions bash|zsh|fish` and `mq man`: the shell completions and the man page, generated
/// from the same command specs as the parser and help (the copies in completions/ and man/ are
/// these outputs, checked by a test).
enum Completions {
    static let shell = Argument<String>.required(
        "SHELL", value: .choice(["bash", "zsh", "fish"]), help: "bash, zsh or fish")

    static let spec = Command(
        "completions", summary: "Print the completion script for a shell",
        discussion: """
            Install the output where the shell looks: bash: /usr/share/bash-completion/completions/mq; \\
            zsh: a directory on $fpath, as _mq; fish: ~/.config/fish/completions/mq.fish. \\
            `make install` does this. Queue and exchange names complete from the broker through \\
            `mq list` when it answers within 2 s.
            """,
        arguments: [shell],
        examples: ["mq completions bash > /usr/share/bash-completion/completions/mq", "source <(mq completions bash)"],
        action: CommandHandler(run))

    static let manSpec = Command(
        "man", summary: "Print mq's man page (roff)", examples: ["mq man | man -l -"], action: CommandHandler(runMan))

    static func run(_ invocation: Invocation) throws(Failure) {
        invocation.stdout.write(script(for: invocation.parsed[Self.shell]))
        try invocation.stdout.flush()
    }

    static func runMan(_ invocation: Invocation) throws(Failure) {
        invocation.stdout.write(ManualPage.text)
        try invocation.stdout.flush()
    }

    /// The completion script for `shell`.
    static func script(for shell: String) -> String {
        switch shell {
        case "zsh": ZshCompletion.script(program: "mq", root: CommandTree.root)
        case "fish": FishCompletion.script(program: "mq", root: CommandTree.root)
        default: BashCompletion.script(program: "mq", root: CommandTree.root)
        }
    }
}
