import ArgumentParsing
import Testing

@Suite("Secrecy: what a listing of settings hides")
struct SecrecyTests {
    @Test(
        "a URL's password becomes ***, and nothing else changes",
        arguments: [
            ("amqp://guest:s3cret@host:5672/%2F", "amqp://guest:***@host:5672/%2F"),
            ("http://admin:pw@127.0.0.1:15672/api", "http://admin:***@127.0.0.1:15672/api"),
            ("amqp://host:5672/vhost", "amqp://host:5672/vhost"),
            ("amqp://user@host", "amqp://user@host"),
            ("amqp://u:p@a@host/v", "amqp://u:***@host/v"),
            ("amqp://u:pa/ss@host/v", "amqp://u:***@host/v"),
            ("amqp://a:x@h1,amqp://b:y@h2", "amqp://a:***@h1,amqp://b:***@h2"),
        ])
    func urlPassword(url: String, masked: String) {
        #expect(Secrecy.urlPassword.masked(url) == masked)
    }

    @Test("a whole secret is ***; a value that is not secret is shown as it is")
    func wholeAndNone() {
        #expect(Secrecy.whole.masked("hunter2") == "***")
        #expect(Secrecy.none.masked("hunter2") == "hunter2")
    }
}
