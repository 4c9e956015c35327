/// Where one channel's machine lives: shared by the connection's table, which hands it the
/// channel's frames, and the `Channel` that uses it, which keeps it once the number is freed.
///
/// Every access is a path of stored properties (`cell.machine.deliveries`), so a delivery passes
/// through its channel's queues in place: a machine reached through an accessor that returns it
/// is copied on every read (callgrind: three times the instructions per consumed message).
final class ChannelCell {
    var machine: ChannelMachine

    init(_ machine: ChannelMachine) { self.machine = machine }
}
