import TideSimModel
import TideSimCore
import TideSimBuffers
/// The city during one replication, as every actor reads and changes it: the bikes in each zone
/// and holding area, the bikes under way, the event list and the measurements.
///
/// The engine's loop (``Simulation``) and each group of actors (``CityActors``: the trucks today)
/// change the world only through it, so that every change of a count is measured: a zone's count
/// through ``changeZone(_:by:at:)``, a holding area's through ``changeHolding(_:by:at:)``.
///
/// With operators, `bikes` stays each zone's total (what caps, redirects and the metrics read)
/// and ``owners`` keeps each operator's bikes beside it: a change names its owner
/// (``changeZone(_:by:owner:at:)``), so the two never disagree.
struct World {
    let model: Model
    /// Bikes parked in each zone, in a buffer this replication owns (a write is a store, no
    /// copy-on-write check); policies see it through ``BikeCounts``.
    let bikes: FixedArray<Int>
    var holdingBikes: [Int]
    /// Bikes ridden now, and bikes on trucks now.
    var riding = 0
    var onTrucks = 0
    /// Scheduled events: ride arrivals and every actor's own events.
    let events = EventQueue()
    /// Integrals, counters and episodes.
    var metrics: MetricsRecorder
    /// Every truck order of the replication, in the order given.
    var transfers: [TransferRecord] = []
    /// Whether the city has operators; then ``owners`` keeps their bikes and accounts.
    let hasOperators: Bool
    let owners: OperatorLedger
    /// The inspectors' work orders (none without inspections).
    var orders: WorkOrderBook

    init(model: Model) {
        self.model = model
        bikes = FixedArray(model.zoneInitialBikes)
        holdingBikes = model.holdingInitialBikes
        metrics = MetricsRecorder(model: model)
        hasOperators = !model.operators.isEmpty
        owners = OperatorLedger(model: model)
        orders = WorkOrderBook(zones: model.inspections == nil ? 0 : model.zoneCount, operators: max(1, model.operators.count))
    }

    /// Operator o's bikes in zone z against its fair share of the cap in force: above it (0
    /// without operators: all the bikes against the cap).
    func aboveFairShare(_ o: Int, zone z: Int, capacity cap: Int) -> Bool {
        hasOperators ? Double(owners.bikes(o, inZone: z)) > owners.share[o] * Double(cap) : bikes[z] > cap
    }

    /// After a change of zone z at t: open orders there that are now met close (in time: the
    /// deadline event has not come yet). Out of line: the changes' hot path only tests whether
    /// any order is open.
    @inline(never)
    mutating func settleOrders(_ z: Int, at t: Double) {
        guard orders.openCount > 0, orders.hasOpen(inZone: z) else { return }
        let cap = metrics.capacityInForce(z)
        for o in orders.openOperators(inZone: z) where !aboveFairShare(o, zone: z, capacity: cap) {
            orders.meet(orders.openOrder(zone: z, operator: o)!)
        }
    }

    /// Zone z gains `delta` bikes of operator `o` (loses, when negative) at t.
    @inline(__always)
    mutating func changeZone(_ z: Int, by delta: Int, owner o: Int, at t: Double) {
        guard hasOperators else { return changeZone(z, by: delta, at: t) }
        let before = bikes[z], after = before &+ delta
        bikes[z] = after
        let (cap, peaked) = metrics.zoneChanged(z, from: before, to: after, at: t)
        owners.zoneChanged(z, from: before, to: after, capacity: cap, at: t, measuring: metrics.measuring)
        owners.ownAddress[z &* owners.count &+ o] &+= delta
        if peaked { owners.notePeak(z) }
        if orders.openCount > 0 { settleOrders(z, at: t) }
    }

    /// With operators: when zone z has just reached its peak pressure, who holds its bikes.
    @inline(__always)
    mutating func notePeak(_ z: Int, at t: Double) {
        if metrics.measuring && metrics.peaked(z, bikes: bikes[z], at: t) { owners.notePeak(z) }
    }

    /// Holding area h gains `delta` bikes of operator `o` (loses, when negative) at t.
    mutating func changeHolding(_ h: Int, by delta: Int, owner o: Int, at t: Double) {
        if hasOperators { owners.held[h &* owners.count &+ o] &+= delta }
        changeHolding(h, by: delta, at: t)
    }

    /// Operator o's bikes in zone z (every bike there, without operators).
    func zoneBikes(_ z: Int, of o: Int) -> Int { hasOperators ? owners.bikes(o, inZone: z) : bikes[z] }

    /// Operator o's bikes in holding area h (every bike there, without operators).
    func holdingBikes(_ h: Int, of o: Int) -> Int { hasOperators ? owners.held(o, inArea: h) : holdingBikes[h] }

    var measuring: Bool { metrics.measuring }

    /// Zone z gains `delta` bikes (loses, when negative) at t.
    @inline(__always)
    mutating func changeZone(_ z: Int, by delta: Int, at t: Double) {
        let before = bikes[z]
        let after = before &+ delta
        bikes[z] = after
        metrics.zoneChanged(z, from: before, to: after, at: t)
        if orders.openCount > 0 { settleOrders(z, at: t) }
    }

    /// Zone z has `capacity` spaces in force from t (a rush-hour cap).
    mutating func changeCapacity(_ z: Int, to capacity: Int, at t: Double) {
        if hasOperators { owners.capacityChanged(z, to: capacity, total: bikes[z], at: t, measuring: metrics.measuring) }
        defer { if hasOperators { notePeak(z, at: t) } }
        metrics.capacityChanged(z, to: capacity, bikes: bikes[z], at: t)
        if orders.openCount > 0 { settleOrders(z, at: t) }
    }

    /// Holding area h gains `delta` bikes (loses, when negative) at t.
    mutating func changeHolding(_ h: Int, by delta: Int, at t: Double) {
        let before = holdingBikes[h]
        holdingBikes[h] = before &+ delta
        metrics.holdingChanged(h, from: before, to: holdingBikes[h], capacity: model.holdingCapacity[h], at: t)
    }

    /// Bikes at a site now.
    func bikes(at site: Site) -> Int {
        switch site {
        case .zone(let z): return bikes[z]
        case .holding(let h): return holdingBikes[h]
        }
    }
}
