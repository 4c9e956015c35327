import AMQPWire
import TestSupport

extension MethodVector {
    /// Class `confirm`, id 85 (00 55), RabbitMQ's publisher confirms.
    static let confirm: [MethodVector] = [
        // confirm.select (85, 10): no-wait bit clear.
        MethodVector(.confirmSelect(ConfirmSelect(noWait: false)), hex("0055 000a | 00")),
        // confirm.select-ok (85, 11): no arguments.
        MethodVector(.confirmSelectOk(ConfirmSelectOk()), hex("0055 000b")),
    ]

    /// Class `tx`, id 90 (00 5a): six methods, none with arguments.
    static let tx: [MethodVector] = [
        MethodVector(.txSelect(TxSelect()), hex("005a 000a")),  // tx.select (90, 10)
        MethodVector(.txSelectOk(TxSelectOk()), hex("005a 000b")),  // tx.select-ok (90, 11)
        MethodVector(.txCommit(TxCommit()), hex("005a 0014")),  // tx.commit (90, 20)
        MethodVector(.txCommitOk(TxCommitOk()), hex("005a 0015")),  // tx.commit-ok (90, 21)
        MethodVector(.txRollback(TxRollback()), hex("005a 001e")),  // tx.rollback (90, 30)
        MethodVector(.txRollbackOk(TxRollbackOk()), hex("005a 001f")),  // tx.rollback-ok (90, 31)
    ]
}
