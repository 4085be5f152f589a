import TideSimModel
import TideSimCore
import TideSimBuffers
/// The city's inspectors on their unannounced rounds (DESIGN.md section 2b): a group of
/// ``CityActors``.
///
/// At each shift's start an inspector begins at a zone drawn from its route (uniformly among the
/// zones with coordinates, or from the watch list weighted by capacity) and visits it; a visit
/// checks the zone at its start and lasts `dwellMinutes`; then the inspector draws the next zone
/// and walks there (great-circle distance × detour at its speed; the same zone takes no time). A
/// visit starts only inside a shift: one that would start after the shift's end waits for the
/// next shift, which begins at a new drawn zone. The draws come from a stream of their own, so the
/// riders, and everything without inspections, stay as they are.
///
/// A visit that finds its zone above capacity issues a work order to each operator above its fair
/// share there without one open already; the order's deadline is an event of this group, at
/// which an order not met is late.
struct InspectorActors: CityActors {
    let settings: InspectionSettings
    private var rng: Xoshiro256StarStar
    /// Where each inspector is (-1 between shifts), and when its shift ends.
    private var zone: [Int]
    private var shiftEnd: [Double]
    /// Visits and visits that found their zone above capacity, in the measured window.
    private(set) var visits = 0, foundOver = 0
    /// Visits per zone and orders given per zone, in the measured window (for the map).
    private(set) var visitsAt: [Int], ordersAt: [Int]
    /// Per hour of the day (0-23), over the measured days: visits, visits that found the zone
    /// over capacity, and orders given (over the day).
    private(set) var byHour = InspectionHours()

    init(settings: InspectionSettings, zones: Int, seed: UInt64, replication: Int) {
        self.settings = settings
        rng = Xoshiro256StarStar(seed: seed, replication: replication, purpose: .inspections)
        zone = Array(repeating: -1, count: settings.inspectors)
        shiftEnd = Array(repeating: 0, count: settings.inspectors)
        visitsAt = Array(repeating: 0, count: zones)
        ordersAt = visitsAt
    }

    mutating func start(in world: inout World) {
        guard !settings.candidates.isEmpty else { return }
        let first = settings.nextShift(after: 0)
        for i in 0..<settings.inspectors {
            shiftEnd[i] = first.end
            world.events.schedule(.inspectorVisit, at: first.start, site: Int32(i))
        }
    }

    mutating func act(_ kind: EventKind, member i: Int, at t: Double, in world: inout World) {
        switch kind {
        case .inspectorVisit: visit(i, at: t, in: &world)
        case .orderDeadline: world.orders.deadline(i, latePoints: settings.latePoints)
        default: preconditionFailure("a \(kind) event was handed to the inspectors")
        }
    }

    mutating func finish(at end: Double, in world: inout World) {}

    private mutating func drawZone() -> Int { settings.candidates[settings.draw.sample(using: &rng)] }

    private mutating func visit(_ i: Int, at t: Double, in world: inout World) {
        if zone[i] < 0 { zone[i] = drawZone() }
        let z = zone[i]
        check(z, at: t, in: &world)
        let next = drawZone()
        let arrival = t + settings.dwellSeconds + world.model.meters(from: .zone(z), to: .zone(next)) * settings.secondsPerMeter
        if arrival < shiftEnd[i] && arrival < world.model.endTime {
            zone[i] = next
            world.events.schedule(.inspectorVisit, at: arrival, site: Int32(i))
        } else {
            let shift = settings.nextShift(after: shiftEnd[i])
            zone[i] = -1
            shiftEnd[i] = shift.end
            if shift.start < world.model.endTime { world.events.schedule(.inspectorVisit, at: shift.start, site: Int32(i)) }
        }
    }

    /// The check at a visit's start: above capacity, an order to each operator above its fair share.
    private mutating func check(_ z: Int, at t: Double, in world: inout World) {
        let measuring = world.measuring
        let hour = Int(t.truncatingRemainder(dividingBy: 86_400) / 3600)
        if measuring { visits += 1; visitsAt[z] += 1; byHour.visits[hour] += 1 }
        let cap = world.metrics.capacityInForce(z)
        guard world.bikes[z] > cap else { return }
        if measuring { foundOver += 1; byHour.foundOver[hour] += 1 }
        world.metrics.sighted(z, at: t)
        for o in 0..<world.orders.operators where world.aboveFairShare(o, zone: z, capacity: cap) && !world.orders.isOpen(zone: z, operator: o) {
            let k = world.orders.give(zone: z, operator: o, at: t, respondSeconds: settings.respondSeconds, points: settings.orderPoints,
                                      measuring: measuring)
            if measuring { ordersAt[z] += 1; byHour.orders[hour] += 1 }
            world.events.schedule(.orderDeadline, at: t + settings.respondSeconds, site: Int32(k))
        }
    }
}

/// What the inspectors did in each hour of the day (0-23), summed over the measured days.
public struct InspectionHours: Sendable, Equatable {
    public var visits = [Int](repeating: 0, count: 24)
    public var foundOver = [Int](repeating: 0, count: 24)
    public var orders = [Int](repeating: 0, count: 24)
}
