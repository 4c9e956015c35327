import ArgumentParsing
import Testing

@testable import MQCommands

@Suite("consume --exec's exit contract: --exit-action CODE=ACTION and --on-failure")
struct ExitContractTests {
    private func rules(_ words: String...) throws -> [ExitAction] {
        try words.map { word throws(ValueProblem) in try ExitAction(text: word) }
    }

    @Test(
        "a CODE=ACTION word reads a status or * and an action",
        arguments: [
            ("0=ack", ExitAction.Code.status(0), Settlement.ack), ("75=requeue", .status(75), .requeue),
            ("255=stop", .status(255), .stop),
            ("*=reject", .otherFailures, .reject), ("007=reject", .status(7), .reject),
        ])
    func word(text: String, code: ExitAction.Code, settlement: Settlement) throws {
        #expect(try ExitAction(text: text) == ExitAction(code: code, settlement: settlement))
    }

    @Test(
        "a bad word names what is wrong with it",
        arguments: [
            ("75", "'75' is not CODE=ACTION, e.g. 75=requeue or '*=reject'"),
            ("256=ack", "'256' in '256=ack' is not an exit status (0-255) or *"),
            ("-1=ack", "'-1' in '-1=ack' is not an exit status (0-255) or *"),
            ("=ack", "'' in '=ack' is not an exit status (0-255) or *"),
            ("x=ack", "'x' in 'x=ack' is not an exit status (0-255) or *"),
            ("+1=ack", "'+1' in '+1=ack' is not an exit status (0-255) or *"),
            ("75=retry", "'retry' in '75=retry' is not an action: ack, requeue, reject or stop"),
            ("75=", "'' in '75=' is not an action: ack, requeue, reject or stop"),
            ("*=Ack", "'Ack' in '*=Ack' is not an action: ack, requeue, reject or stop"),
        ])
    func badWord(text: String, problem: String) {
        #expect(throws: ValueProblem(problem)) { try ExitAction(text: text) }
    }

    @Test("with no rules, 0 acks and every other status takes --on-failure (requeue by default)")
    func defaults() throws {
        let contract = try ExitContract([])
        #expect(contract.settlement(for: 0) == .ack)
        #expect(contract.settlement(for: 1) == .requeue)
        #expect(contract.settlement(for: 137) == .requeue)
        #expect(try ExitContract([], onFailure: .reject).settlement(for: 2) == .reject)
        #expect(try ExitContract([], onFailure: .stop).settlement(for: 255) == .stop)
        #expect(try ExitContract([], onFailure: .stop).settlement(for: 0) == .ack)
    }

    @Test("a named status wins over *, * over --on-failure, and * never covers 0")
    func precedence() throws {
        let contract = try ExitContract(try rules("75=requeue", "*=reject", "3=ack"), onFailure: .stop)
        #expect(contract.settlement(for: 75) == .requeue)
        #expect(contract.settlement(for: 3) == .ack)
        #expect(contract.settlement(for: 1) == .reject)
        #expect(contract.settlement(for: 0) == .ack)
        let onFailure = try ExitContract(try rules("75=ack"), onFailure: .stop)
        #expect(onFailure.settlement(for: 75) == .ack)
        #expect(onFailure.settlement(for: 1) == .stop)
    }

    @Test("0=ACTION overrides 0's ack")
    func zero() throws {
        #expect(try ExitContract(try rules("0=reject")).settlement(for: 0) == .reject)
        #expect(try ExitContract(try rules("0=requeue", "*=ack")).settlement(for: 9) == .ack)
    }

    @Test("a status past 255 (not one a process can exit with) takes the rule for other failures")
    func outOfRange() throws {
        #expect(try ExitContract(try rules("*=reject")).settlement(for: 300) == .reject)
        #expect(try ExitContract([], onFailure: .stop).settlement(for: -1) == .stop)
    }

    @Test("the same rule twice is harmless; one status with two actions is a conflict naming both")
    func twice() throws {
        #expect(try ExitContract(try rules("75=requeue", "75=requeue")).settlement(for: 75) == .requeue)
        #expect(throws: ExitContract.Conflict(code: .status(75), first: .requeue, second: .reject)) {
            try ExitContract(try rules("75=requeue", "1=ack", "75=reject"))
        }
        #expect(throws: ExitContract.Conflict(code: .otherFailures, first: .reject, second: .stop)) {
            try ExitContract(try rules("*=reject", "*=stop"))
        }
    }

    @Test("only ack counts as success for mq's exit status")
    func failures() {
        #expect(!Settlement.ack.isFailure)
        #expect(Settlement.requeue.isFailure && Settlement.reject.isFailure && Settlement.stop.isFailure)
    }
}
