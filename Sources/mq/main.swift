import MQCommands

MQ.exit(withArguments: Array(CommandLine.arguments.dropFirst()))
