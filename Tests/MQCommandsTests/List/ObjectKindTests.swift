import Testing

@testable import MQCommands

@Suite("The kinds mq lists")
struct ObjectKindTests {
    @Test("only queues, exchanges, connections and channels are read page by page; vhosts never are")
    func pagedKinds() {
        let paged = ObjectKind.allCases.filter { $0.source(vhost: nil)?.paginated == true }
        #expect(paged == [.queues, .exchanges, .connections, .channels])
    }
}
