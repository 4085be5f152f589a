import TideSimModel
import TideSimCore
import TideSimBuffers
/// One replication of the model: an exact event-driven loop in continuous time.
///
/// The state is flat arrays of integers indexed by dense zone and holding-area ids. Events come
/// from three ordered sources merged by time: the attempt stream (``AttemptGenerator``), the
/// calendar queue of scheduled events (``EventQueue``: ride arrivals and the actors' events, truck
/// movements and decision epochs), and the sampling clock. The city's state is the ``World``;
/// everything that moves in it besides riders is a group of ``CityActors`` (the trucks, per
/// operator: ``OperatorState``). At equal times the order is fixed:
/// the start of measurement, then scheduled events, then attempts, then samples, so a bike
/// returned at the very instant of a rental can be rented, and a sample shows the state after
/// everything at its time.
///
/// Metrics are exact integrals of the piecewise-constant state: each zone accumulates its
/// integrals only when its count changes (and once at the end), clipped to the measured window.
public struct Simulation<Policy: TransferPolicy, Observer: SimulationObserver> {
    public let model: Model
    private let replication: Int
    private let seed: UInt64
    private let recordTimeSeries: Bool
    public var observer: Observer

    /// The city: bikes, the event list, the measurements.
    var world: World
    /// Each operator's actors and policy (one, without operators: see ``OperatorState``).
    var operators: [OperatorState<Policy>]
    /// With operators: the operator of each of the city's trucks, and each rider's preferred
    /// operator drawn from a stream of its own (cumulative shares).
    private let truckOwner: [Int]
    private var preference: Xoshiro256StarStar
    /// The shares' cumulative sums in units of 2^-24, and `switchOperator` in units of 2^-20.
    private let shareThresholds: [UInt64]
    private let switchThreshold: UInt64
    /// Whether the city has operators (the riders' path and the returns differ).
    private let withOperators: Bool
    /// The city's rush-hour caps.
    var capacityRules = CapacityRules()
    /// The city's inspectors (nil without inspections).
    var inspectors: InspectorActors?
    /// Each full docked zone's nearest zones, sorted once.
    var redirects = RedirectSearch()
    private var series = TimeSeries()

    /// The transfer policy of the (first) operator's trucks (it may keep state between decisions).
    public var policy: Policy {
        get { operators[0].trucks.policy }
        set { operators[0].trucks.policy = newValue }
    }

    /// Prepares replication `replication` (1-based) of a model with a base seed and a policy (with
    /// operators, each operator's trucks get a copy of it).
    public init(model: Model, seed: UInt64, replication: Int, policy: Policy, recordTimeSeries: Bool = false, observer: Observer) {
        self.init(model: model, seed: seed, replication: replication, policies: Array(repeating: policy, count: max(1, model.operators.count)),
                  recordTimeSeries: recordTimeSeries, observer: observer)
    }

    /// Prepares a replication with a policy for each operator, in operator order (one, without
    /// operators).
    public init(model: Model, seed: UInt64, replication: Int, policies: [Policy], recordTimeSeries: Bool = false, observer: Observer) {
        precondition(policies.count == max(1, model.operators.count), "a policy for each operator")
        self.model = model
        self.seed = seed
        self.replication = replication
        self.recordTimeSeries = recordTimeSeries
        self.observer = observer
        world = World(model: model)
        inspectors = model.inspections.map { InspectorActors(settings: $0, zones: model.zoneCount, seed: seed, replication: replication) }
        preference = Xoshiro256StarStar(seed: seed, replication: replication, purpose: .riders)
        withOperators = !model.operators.isEmpty
        switchThreshold = UInt64((model.switchOperator * 0x1p20).rounded())
        if model.operators.isEmpty {
            operators = [OperatorState(trucks: TruckActors(view: model, policy: policies[0]))]
            truckOwner = []
            shareThresholds = []
        } else {
            operators = model.operators.enumerated().map { o, op in
                OperatorState(trucks: TruckActors(view: op.view, owner: o, firstTruck: op.trucks.lowerBound, firstFleet: op.fleets.lowerBound,
                                                  policy: policies[o]))
            }
            truckOwner = model.operators.indices.flatMap { o in Array(repeating: o, count: model.operators[o].trucks.count) }
            var sum = 0.0
            shareThresholds = model.operators.map { sum += $0.share; return UInt64((sum * 0x1p24).rounded()) }
        }
    }

    /// Keeps the system's overflow after each change in the result (``ReplicationResult/overflowTrace``):
    /// the dispatch bound's baseline. Call before ``run()``.
    public mutating func traceSystemOverflow() {
        world.metrics = MetricsRecorder(model: model, traceOverflow: true)
    }

    /// Runs the replication to the end and returns its measurements.
    public mutating func run() -> ReplicationResult {
        let end = model.endTime
        let measureStart = model.measureStart
        var generator = AttemptGenerator(demand: model.demand, seed: seed, replication: replication, endTime: end, replay: model.replayDay)
        // The attempts come in batches (the generator's loop stays tight); `pending[next]` is the
        // next one, and none is left when `next == count` after a refill.
        let batch = 256
        let pending = UnsafeMutablePointer<TripAttempt>.allocate(capacity: batch)
        defer { pending.deallocate() }
        var pendingCount = generator.fill(pending, capacity: batch)
        var pendingNext = 0
        var nextSample = recordTimeSeries ? measureStart : Double.infinity
        let sampleStep = model.sampleSeconds
        var sampleIndex = 0
        var eventCount = 0
        for o in operators.indices { operators[o].trucks.start(in: &world) }
        capacityRules.start(in: &world)
        inspectors?.start(in: &world)

        while true {
            let tEvent = world.events.nextTime()
            let tAttempt = pendingNext < pendingCount ? pending[pendingNext].time : .infinity
            let tNext = min(tEvent, tAttempt, nextSample)
            if tNext >= end { break }
            if !world.measuring && measureStart <= tNext {
                beginMeasurement(at: measureStart)
                continue
            }
            eventCount &+= 1
            if tEvent <= tAttempt && tEvent <= nextSample {
                let e = world.events.popEarliest()
                // Each kind of event goes to whoever owns it: rides to the loop, the rest to
                // their group of actors (``CityActors``).
                switch e.kind {
                case .rideArrival:
                    if withOperators { rideArrivesWithOperators(at: Int(e.site), time: e.time) } else { rideArrives(at: Int(e.site), time: e.time) }
                case .truckAtPickup, .truckLoaded, .truckAtDropoff, .truckIdle:
                    let o = truckOwner.isEmpty ? 0 : truckOwner[Int(e.site)]
                    operators[o].trucks.act(e.kind, member: Int(e.site) - operators[o].trucks.firstTruck, at: e.time, in: &world)
                case .decisionEpoch: operators[Int(e.site)].trucks.act(e.kind, member: 0, at: e.time, in: &world)
                case .capacityChange: capacityRules.act(e.kind, member: Int(e.site), at: e.time, in: &world)
                case .inspectorVisit, .orderDeadline: inspectors!.act(e.kind, member: Int(e.site), at: e.time, in: &world)
                }
                if Observer.isActive {
                    observer.afterEvent(time: e.time, zoneBikes: world.bikes.array, holdingBikes: world.holdingBikes, riding: world.riding,
                                        onTrucks: world.onTrucks)
                }
            } else if tAttempt <= nextSample {
                let a = pending[pendingNext]
                if withOperators { handleWithOperators(a) } else { handle(a) }
                if Observer.isActive {
                    observer.afterEvent(time: a.time, zoneBikes: world.bikes.array, holdingBikes: world.holdingBikes, riding: world.riding,
                                        onTrucks: world.onTrucks)
                }
                pendingNext += 1
                if pendingNext == pendingCount {
                    pendingCount = generator.fill(pending, capacity: batch)
                    pendingNext = 0
                }
            } else {
                takeSample(at: nextSample)
                sampleIndex += 1
                nextSample = measureStart + Double(sampleIndex) * sampleStep
            }
        }
        if !world.measuring { beginMeasurement(at: measureStart) }
        return finish(at: end, eventCount: eventCount)
    }

    // MARK: - Riders

    private mutating func handle(_ a: TripAttempt) {
        let o = Int(a.origin)
        var from = o
        var outcome = AttemptOutcome.rode
        // (The counts are read in place: a local copy of the buffer would be retained across the
        // change below, which may settle work orders.)
        if world.bikes[o] == 0 {
            from = -1
            var i = Int(model.walkStart[o])
            let stop = Int(model.walkStart[o + 1])
            while i < stop {
                let y = Int(model.walkNeighbours[i])
                if world.bikes[y] > 0 { from = y; break }
                i &+= 1
            }
            if from < 0 {
                world.metrics.attempt(at: o, servedFrom: nil)
                if Observer.isActive { observer.attempt(a, outcome: .lost) }
                return
            }
            outcome = .walked(to: from)
        }
        world.metrics.attempt(at: o, servedFrom: from)
        world.changeZone(from, by: -1, at: a.time)
        world.riding &+= 1
        let arrival = a.time + a.duration
        world.events.schedule(.rideArrival, at: arrival, site: a.destination)
        if Observer.isActive { observer.attempt(a, outcome: outcome) }
    }

    /// An attempt in a city with operators: the rider prefers an operator by share; takes its bike
    /// at the origin, else (with probability `switchOperator`) another operator's there, chosen by
    /// share among those present, else walks to the nearest zone with a bike it would take.
    private mutating func handleWithOperators(_ a: TripAttempt) {
        // One draw per attempt whatever happens, so the preferences never depend on the state: its
        // top 24 bits choose the preferred operator (against the shares' cumulative sums in
        // units of 2^-24), the next 20 whether the rider switches (against switchOperator in
        // units of 2^-20), the last 20 which other operator's bike it takes.
        let r = preference.next()
        let n = world.owners.count, own = world.owners.ownAddress, share = world.owners.shareAddress
        let top = r >> 40
        var preferred = 0
        while preferred < n - 1 && top >= shareThresholds[preferred] { preferred += 1 }
        let switches = (r >> 20) & 0xF_FFFF < switchThreshold
        let otherDraw = Double(r & 0xF_FFFF) * 0x1p-20
        let o = Int(a.origin)
        var from = -1
        var owner = operatorTaken(at: o, preferred: preferred, switches: switches, draw: otherDraw, operators: n, own: own, share: share)
        if owner >= 0 {
            from = o
        } else {
            // Walking: the nearest zone with a bike the rider would take.
            var next = Int(model.walkStart[o])
            let stop = Int(model.walkStart[o + 1])
            while next < stop {
                let y = Int(model.walkNeighbours[next])
                owner = operatorTaken(at: y, preferred: preferred, switches: switches, draw: otherDraw, operators: n, own: own, share: share)
                if owner >= 0 { from = y; break }
                next &+= 1
            }
        }
        let measuring = world.measuring
        guard from >= 0 else {
            world.metrics.attempt(at: o, servedFrom: nil)
            world.owners.attempt(preferred: preferred, servedBy: -1, measuring: measuring)
            if Observer.isActive { observer.attempt(a, outcome: .lost) }
            return
        }
        world.metrics.attempt(at: o, servedFrom: from)
        world.owners.attempt(preferred: preferred, servedBy: owner, measuring: measuring)
        world.changeZone(from, by: -1, owner: owner, at: a.time)
        world.riding &+= 1
        world.owners.ridingAddress[owner] &+= 1
        world.events.schedule(.rideArrival, at: a.time + a.duration, site: a.destination &* Int32(n) &+ Int32(owner))
        if Observer.isActive { observer.attempt(a, outcome: from == o ? .rode : .walked(to: from)) }
    }

    /// The operator whose bike a rider takes at zone y, or -1: the preferred one's, else, when the
    /// rider switches, another's chosen by share among those with a bike there.
    @inline(__always)
    private func operatorTaken(at y: Int, preferred: Int, switches: Bool, draw: Double, operators n: Int, own: UnsafeMutablePointer<Int>,
                               share: UnsafeMutablePointer<Double>) -> Int {
        let base = y &* n
        if own[base &+ preferred] > 0 { return preferred }
        guard switches && world.bikes[y] > 0 else { return -1 }
        var total = 0.0
        for q in 0..<n where q != preferred && own[base &+ q] > 0 { total += share[q] }
        let target = draw * total
        var sum = 0.0, last = -1
        for q in 0..<n where q != preferred && own[base &+ q] > 0 {
            sum += share[q]
            last = q
            if target < sum { return q }
        }
        return last
    }

    /// A rider reaches zone z to return the bike.
    private mutating func rideArrives(at z: Int, time t: Double) {
        if model.zoneRedirects[z] && world.bikes[z] >= model.zoneCapacity[z] {
            world.metrics.refused(at: z)
            if let (y, metres) = redirects.nearestWithSpace(from: z, bikes: world.bikes, model: model) {
                let arrival = t + metres * model.redirectSecondsPerMeter
                world.events.schedule(.rideArrival, at: arrival, site: Int32(y))
                return
            }
            // No zone anywhere has a free space: the rider leaves the bike here (documented).
        }
        world.riding &-= 1
        world.metrics.returned(at: z)
        world.changeZone(z, by: 1, at: t)
    }

    /// A rider reaches zone `site / operators` to return a bike of operator `site % operators`.
    private mutating func rideArrivesWithOperators(at site: Int, time t: Double) {
        let n = world.owners.count
        let z = site / n, owner = site &- z &* n
        if model.zoneRedirects[z] && world.bikes[z] >= model.zoneCapacity[z] {
            world.metrics.refused(at: z)
            if let (y, metres) = redirects.nearestWithSpace(from: z, bikes: world.bikes, model: model) {
                let arrival = t + metres * model.redirectSecondsPerMeter
                world.events.schedule(.rideArrival, at: arrival, site: Int32(y * n + owner))
                return
            }
            // No zone anywhere has a free space: the rider leaves the bike here (documented).
        }
        world.riding &-= 1
        world.metrics.returned(at: z)
        world.owners.ridingAddress[owner] &-= 1
        world.changeZone(z, by: 1, owner: owner, at: t)
    }

    // MARK: - Measurement

    private mutating func beginMeasurement(at t: Double) {
        world.metrics.beginMeasurement(at: t, zoneBikes: world.bikes.array, holdingBikes: world.holdingBikes,
                                       holdingCapacity: model.holdingCapacity)
        if world.hasOperators {
            world.owners.beginMeasurement(at: t, totals: world.bikes.array)
            for z in 0..<model.zoneCount { world.notePeak(z, at: t) }
        }
    }

    private mutating func takeSample(at t: Double) {
        series.times.append(t)
        for z in world.bikes.indices { series.zoneBikes.append(Int32(world.bikes[z])) }
        for b in world.holdingBikes { series.holdingBikes.append(Int32(b)) }
        series.riding.append(Int32(world.riding))
        series.onTrucks.append(Int32(world.onTrucks))
        series.busyTrucks.append(Int32(operators.reduce(0) { $0 + $1.trucks.busyCount }))
    }

    // MARK: - Results

    private mutating func finish(at end: Double, eventCount: Int) -> ReplicationResult {
        for o in operators.indices { operators[o].trucks.finish(at: end, in: &world) }
        let kpis = world.metrics.finish(at: end, zoneBikes: world.bikes.array, holdingBikes: world.holdingBikes, model: model)
        var result = ReplicationResult(replication: replication, policy: policy.name, system: kpis.system, zones: kpis.zones,
                                       zoneClocks: kpis.clocks, holdingAreas: kpis.holding, eventCount: eventCount, transfers: world.transfers,
                                       timeSeries: recordTimeSeries ? series : nil)
        if let inspectors {
            result.inspection = inspectionKPIs(inspectors)
            result.zoneVisits = inspectors.visitsAt
            result.zoneOrders = inspectors.ordersAt
            result.inspectionHours = inspectors.byHour
        }
        if world.hasOperators {
            world.owners.finish(at: end, totals: world.bikes.array, measuring: world.measuring)
            result.operators = operatorKPIs()
            result.zoneOperatorOverflow = world.owners.zoneExcessSeconds.array.map { $0 / 3600 }
            result.zoneOperatorPeakBikes = world.owners.peakBikes.array
        }
        if !world.metrics.overflowTrace.isEmpty { result.overflowTrace = world.metrics.overflowTrace }
        return result
    }

    /// The city's inspection KPIs at the end of the run (the operators' orders summed).
    private mutating func inspectionKPIs(_ inspectors: InspectorActors) -> [Double?] {
        var row = [Double?](repeating: nil, count: InspectionKPI.allCases.count)
        let orders = world.orders
        let (episodes, detected, seconds) = world.metrics.detection()
        row[InspectionKPI.inspections.rawValue] = Double(inspectors.visits)
        row[InspectionKPI.overCapacityFound.rawValue] = Double(inspectors.foundOver)
        row[InspectionKPI.detectionRate.rawValue] = episodes > 0 ? Double(detected) / Double(episodes) : nil
        row[InspectionKPI.minutesToDetection.rawValue] = detected > 0 ? seconds / Double(detected) / 60 : nil
        row[InspectionKPI.workOrders.rawValue] = Double(orders.given.reduce(0, +))
        row[InspectionKPI.ordersMetInTime.rawValue] = Double(orders.metInTime.reduce(0, +))
        row[InspectionKPI.ordersLate.rawValue] = Double(orders.late.reduce(0, +))
        row[InspectionKPI.penaltyPoints.rawValue] = orders.points.reduce(0, +)
        return row
    }

    /// Each operator's KPIs at the end of the run.
    private func operatorKPIs() -> [[Double?]] {
        let days = Double(model.measuredDays)
        return model.operators.indices.map { o in
            let owners = world.owners
            var row = [Double?](repeating: nil, count: OperatorKPI.allCases.count)
            let served = owners.served(o), lost = owners.lost(o)
            row[OperatorKPI.fleet.rawValue] = Double(model.operators[o].fleet)
            row[OperatorKPI.tripsServed.rawValue] = Double(served)
            row[OperatorKPI.tripsLost.rawValue] = Double(lost)
            // Its riders are those who prefer it: served by any operator's bike, or lost.
            let riders = owners.attempts(o)
            row[OperatorKPI.serviceLevel.rawValue] = riders > 0 ? Double(riders - lost) / Double(riders) : nil
            row[OperatorKPI.overflowBikeHours.rawValue] = owners.excessSeconds[o] / 3600
            row[OperatorKPI.clearanceBreaches.rawValue] = Double(owners.breaches[o]) / days
            row[OperatorKPI.truckKm.rawValue] = world.metrics.truckKm(fleets: model.operators[o].fleets, model: model)
            if model.inspections != nil {
                let orders = world.orders
                row[OperatorKPI.workOrders.rawValue] = Double(orders.given[o])
                row[OperatorKPI.ordersMetInTime.rawValue] = Double(orders.metInTime[o])
                row[OperatorKPI.ordersLate.rawValue] = Double(orders.late[o])
                row[OperatorKPI.penaltyPoints.rawValue] = orders.points[o]
            }
            return row
        }
    }
}

extension Simulation where Observer == NoObserver {
    /// Prepares a replication with a policy for each operator and no observer.
    public init(model: Model, seed: UInt64, replication: Int, policies: [Policy], recordTimeSeries: Bool = false) {
        self.init(model: model, seed: seed, replication: replication, policies: policies, recordTimeSeries: recordTimeSeries,
                  observer: NoObserver())
    }

    /// Prepares a replication with a policy and no observer.
    public init(model: Model, seed: UInt64, replication: Int, policy: Policy, recordTimeSeries: Bool = false) {
        self.init(model: model, seed: seed, replication: replication, policy: policy, recordTimeSeries: recordTimeSeries,
                  observer: NoObserver())
    }
}

extension Simulation where Policy == NoTransfers, Observer == NoObserver {
    /// Prepares a replication without transfers or observer.
    public init(model: Model, seed: UInt64, replication: Int, recordTimeSeries: Bool = false) {
        self.init(model: model, seed: seed, replication: replication, policy: NoTransfers(), recordTimeSeries: recordTimeSeries,
                  observer: NoObserver())
    }
}

extension Simulation where Policy == NoTransfers {
    /// Prepares a replication without transfers, with an observer.
    public init(model: Model, seed: UInt64, replication: Int, recordTimeSeries: Bool = false, observer: Observer) {
        self.init(model: model, seed: seed, replication: replication, policy: NoTransfers(), recordTimeSeries: recordTimeSeries,
                  observer: observer)
    }
}
