import TideSimModel
import TideSimCore
import TideSimBuffers
/// A group of actors that move in the city and act at events of their own: the seam through which
/// the engine gets new kinds of actors. The trucks are the first group (``TruckActors``); a city's
/// inspectors and each operator's fleet are groups of their own.
///
/// A group schedules its events in ``World/events`` with kinds it owns (``EventKind``) and the
/// acting member's index as the event's `site`; the loop hands every event of those kinds back to
/// the group (`Simulation.run`'s one `switch`). A group changes bikes only through ``World``, so
/// every change is measured. Adding a kind of actor is: its type conforming to this protocol, its
/// event kinds, one line in the loop's switch and one stored group in `Simulation`
/// (docs/architecture.md).
protocol CityActors {
    /// Called once at time 0, before any event: a group schedules its first events here.
    mutating func start(in world: inout World)
    /// One of the group's events: `kind` is one of its own, `member` the event's site.
    mutating func act(_ kind: EventKind, member: Int, at t: Double, in world: inout World)
    /// Called once at the end of the run, before the measurements are closed.
    mutating func finish(at end: Double, in world: inout World)
}

/// What belongs to one operator in a replication: its trucks, with their policy. Bikes per zone
/// and per-operator counters join it with several operators (issue 20); today the
/// scenario has one fleet, whose bikes are ``World/bikes``.
struct OperatorState<Policy: TransferPolicy> {
    var trucks: TruckActors<Policy>
}
