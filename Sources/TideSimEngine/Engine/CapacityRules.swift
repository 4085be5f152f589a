import TideSimModel
import TideSimCore
import TideSimBuffers
/// The city's rush-hour caps as a group of actors: at each change of a zone's capacity in force
/// (``Model/capacityChanges``) the measurements switch to the new cap. One change is scheduled at a
/// time; the member of an event is the change's index. A scenario without caps schedules nothing.
struct CapacityRules: CityActors {
    mutating func start(in world: inout World) {
        if let first = world.model.capacityChanges.first { world.events.schedule(.capacityChange, at: first.time, site: 0) }
    }

    mutating func act(_ kind: EventKind, member k: Int, at t: Double, in world: inout World) {
        let changes = world.model.capacityChanges
        world.changeCapacity(changes[k].zone, to: changes[k].capacity, at: t)
        if k + 1 < changes.count { world.events.schedule(.capacityChange, at: changes[k + 1].time, site: Int32(k + 1)) }
    }

    mutating func finish(at end: Double, in world: inout World) {}
}
