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
    /// Each operator's actors and policy: one operator today (see ``OperatorState``).
    var operators: [OperatorState<Policy>]
    /// The city's rush-hour caps.
    var capacityRules = CapacityRules()
    /// Each full docked zone's nearest zones, sorted once.
    var redirects = RedirectSearch()
    private var series = TimeSeries()

    /// The transfer policy of the (single) operator's trucks (it may keep state between decisions).
    public var policy: Policy {
        get { operators[0].trucks.policy }
        set { operators[0].trucks.policy = newValue }
    }

    /// Prepares replication `replication` (1-based) of a model with a base seed and a policy.
    public init(model: Model, seed: UInt64, replication: Int, policy: Policy, recordTimeSeries: Bool = false, observer: Observer) {
        self.model = model
        self.seed = seed
        self.replication = replication
        self.recordTimeSeries = recordTimeSeries
        self.observer = observer
        world = World(model: model)
        operators = [OperatorState(trucks: TruckActors(fleets: model.trucks, policy: policy))]
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
                case .rideArrival: rideArrives(at: Int(e.site), time: e.time)
                case .truckAtPickup, .truckLoaded, .truckAtDropoff, .truckIdle, .decisionEpoch:
                    operators[0].trucks.act(e.kind, member: Int(e.site), at: e.time, in: &world)
                case .capacityChange: capacityRules.act(e.kind, member: Int(e.site), at: e.time, in: &world)
                }
                if Observer.isActive {
                    observer.afterEvent(time: e.time, zoneBikes: world.bikes.array, holdingBikes: world.holdingBikes, riding: world.riding,
                                        onTrucks: world.onTrucks)
                }
            } else if tAttempt <= nextSample {
                let a = pending[pendingNext]
                handle(a)
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
        let bikes = world.bikes
        if bikes[o] == 0 {
            from = -1
            var i = Int(model.walkStart[o])
            let stop = Int(model.walkStart[o + 1])
            while i < stop {
                let y = Int(model.walkNeighbours[i])
                if bikes[y] > 0 { from = y; break }
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

    // MARK: - Measurement

    private mutating func beginMeasurement(at t: Double) {
        world.metrics.beginMeasurement(at: t, zoneBikes: world.bikes.array, holdingBikes: world.holdingBikes,
                                       holdingCapacity: model.holdingCapacity)
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
        return ReplicationResult(replication: replication, policy: policy.name, system: kpis.system, zones: kpis.zones,
                                 zoneClocks: kpis.clocks, holdingAreas: kpis.holding, eventCount: eventCount, transfers: world.transfers,
                                 timeSeries: recordTimeSeries ? series : nil)
    }
}

extension Simulation where Observer == NoObserver {
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
