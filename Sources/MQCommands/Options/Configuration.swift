import ArgumentParsing
import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// Finds the configuration file and profile, and layers the profile under the command line and
/// the environment (precedence: flag > environment > profile > built-in default).
enum Configuration {
    /// The file mq reads: `--config`, `MQ_CONFIG`, else `$XDG_CONFIG_HOME/mq/config` or
    /// `~/.config/mq/config`. `explicit` is true when the user named it (then it must exist).
    static func path(_ parsed: ParsedCommand, environment: Environment) -> (path: String, explicit: Bool) {
        if let path = parsed[GlobalOptions.config] { return (path, true) }
        if let base = environment["XDG_CONFIG_HOME"], !base.isEmpty { return (base + "/mq/config", false) }
        return ((environment["HOME"] ?? "") + "/.config/mq/config", false)
    }

    /// The command line with the chosen profile's values added; warns on `stderr` about a file
    /// that holds a password and is readable by others.
    static func apply(to parsed: ParsedCommand, environment: Environment, stderr: OutputStream) throws(Failure)
        -> ParsedCommand
    {
        let (path, explicit) = path(parsed, environment: environment)
        guard let text = try read(path, required: explicit) else {
            if let profile = parsed[GlobalOptions.profile] {
                throw Failure(.configuration(.noConfigurationFile(profile: profile, path: path)))
            }
            return parsed
        }
        let file = try ConfigFile.parse(text, path: path)
        let name = parsed[GlobalOptions.profile] ?? "default"
        guard let entries = file.profiles[name] else {
            if parsed.isSet(GlobalOptions.profile) {
                let known = file.profiles.keys.sorted()
                throw Failure(.configuration(.noProfile(name, path: path, known: known)))
            }
            return parsed
        }
        let values = try optionValues(entries, path: path, parsed: parsed, environment: environment, stderr: stderr) {
            $0
        }
        return parsed.addingConfiguration(values)
    }

    /// The command line with profile `name`'s connection settings added as the options of
    /// `set` (`mq move --to-profile`: `url` sets `--to-url`); the profile's other keys do not apply.
    static func apply(
        profile name: String, as set: BrokerOptions, to parsed: ParsedCommand, environment: Environment,
        stderr: OutputStream
    ) throws(Failure) -> ParsedCommand {
        let (path, _) = path(parsed, environment: environment)
        let file = try ConfigFile.parse(try read(path, required: true) ?? "", path: path)
        guard let entries = file.profiles[name] else {
            let known = file.profiles.keys.sorted()
            throw Failure(.configuration(.noProfile(name, path: path, known: known)))
        }
        let renaming = set.renaming
        let values = try optionValues(entries, path: path, parsed: parsed, environment: environment, stderr: stderr) {
            renaming[$0]
        }
        return parsed.addingConfiguration(values)
    }

    /// The options `entries` set, by the name `rename` gives each option (nil: not applied),
    /// each value checked as the option checks it; warns about a password others can read.
    private static func optionValues(
        _ entries: [ConfigFile.Entry], path: String, parsed: ParsedCommand, environment: Environment,
        stderr: OutputStream,
        rename: (String) -> String?
    ) throws(Failure) -> [String: String] {
        var values: [String: String] = [:]
        for entry in entries {
            guard let option = rename(ConfigFile.keys[entry.key] ?? entry.key) else { continue }
            if let kind = GlobalOptions.specs.first(where: { $0.name == option })?.value
                ?? parsed.options.first(where: { $0.name == option })?.value,
                let problem = kind.problem(with: entry.value)
            {
                throw Failure(
                    .configuration(.badSetting(path: path, line: entry.line, key: entry.key, problem: problem)))
            }
            values[option] =
                option.hasSuffix("password-file") ? expandHome(entry.value, environment: environment) : entry.value
        }
        if entries.contains(where: { $0.key == "password" }), isReadableByOthers(path) {
            stderr.write("mq: warning: \(path) holds a password and other users can read it (chmod 600 \(path))\n")
            try? stderr.flush()
        }
        return values
    }

    private static func read(_ path: String, required: Bool) throws(Failure) -> String? {
        guard let reader = InputReader(path: path) else {
            if errno == ENOENT, !required { return nil }
            throw Failure(
                .configuration(.unreadableConfigurationFile(path: path, SystemError(call: "open", code: errno))))
        }
        guard let text = String(validating: try reader.readAll(), as: UTF8.self) else {
            throw Failure(.configuration(.configurationNotUTF8(path: path)))
        }
        return text
    }

    private static func isReadableByOthers(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & 0o044 != 0
    }

    private static func expandHome(_ path: String, environment: Environment) -> String {
        path.hasPrefix("~/") ? (environment["HOME"] ?? "") + path.dropFirst() : path
    }
}
