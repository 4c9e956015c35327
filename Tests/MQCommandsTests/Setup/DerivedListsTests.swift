import ArgumentParsing
import Testing

@testable import MQCommands

@Suite("Lists derived from the option declarations: file keys, config show, secrets")
struct DerivedListsTests {
    @Test("the configuration file's keys are the configurable options' names with _ for -")
    func fileKeys() {
        #expect(ConfigFile.keys.count == 21)
        #expect(ConfigFile.keys["key_file"] == "key-file")
        #expect(ConfigFile.keys["protocol"] == "protocol")
        #expect(ConfigFile.keys["api_url"] == "api-url")
        #expect(ConfigFile.keys["format"] == "format")
        #expect(ConfigFile.keys["profile"] == nil)
        for (key, option) in ConfigFile.keys {
            #expect(key == option.map { $0 == "-" ? "_" : $0 }.reduce("") { $0 + String($1) })
        }
    }

    @Test("config show lists every global option a file or the environment can set, and masks each secret one")
    func shownSettings() {
        let names = Config.shown.map(\.name)
        #expect(names.first == "url")
        for name in ["password", "api-url", "tls", "cacert", "auth", "config", "profile", "color"] {
            #expect(names.contains(name), "\(name)")
        }
        #expect(!names.contains("json"))
        #expect(Config.shown.filter { $0.secrecy != .none }.map(\.name) == ["url", "password", "api-url"])
    }
}
