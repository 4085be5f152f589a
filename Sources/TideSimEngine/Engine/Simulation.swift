import TideSimModel
import TideSimCore
import TideSimBuffers
/// One replication of the model: an exact event-driven loop in continuous time.
///
/// The state is flat arrays of integers indexed by dense zone and holding-area ids. Events come
/// from three ordered sources merged by time: the attempt stream (``AttemptGenerator``), the
/// calendar queue of scheduled events (``EventQueue``: ride arrivals, truck movements, decision
/// epochs), and the sampling clock. At equal times the order is fixed:
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
    /// The transfer policy (it may keep state between decisions).
    public var policy: Policy

    // State.
    /// Bikes parked in each zone, in a buffer this replication owns (a write is a store, no
    /// copy-on-write check); policies and observers see it as an array (``zoneBikes``).
    let bikes: FixedArray<Int>
    var holdingBikes: [Int]
    var riding = 0
    var onTrucks = 0
    let events = EventQueue()
    /// Each full docked zone's nearest zones, sorted once.
    var redirects = RedirectSearch()
    var trucks: TruckFleetState
    var transfers: [TransferRecord] = []
    /// Integrals, counters and episodes.
    var metrics: MetricsRecorder
    var measuring: Bool { metrics.measuring }
    private var series = TimeSeries()

    /// Prepares replication `replication` (1-based) of a model with a base seed and a policy.
    public init(model: Model, seed: UInt64, replication: Int, policy: Policy, recordTimeSeries: Bool = false, observer: Observer) {
        self.model = model
        self.seed = seed
        self.replication = replication
        self.recordTimeSeries = recordTimeSeries
        self.observer = observer
        self.policy = policy
        trucks = TruckFleetState(count: model.trucks?.count ?? 0, depot: model.trucks?.depot ?? .zone(0))
        bikes = FixedArray(model.zoneInitialBikes)
        holdingBikes = model.holdingInitialBikes
        metrics = MetricsRecorder(model: model)
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
        if model.trucks != nil { events.schedule(.decisionEpoch, at: 0, site: 0) }

        while true {
            let tEvent = events.nextTime()
            let tAttempt = pendingNext < pendingCount ? pending[pendingNext].time : .infinity
            let tNext = min(tEvent, tAttempt, nextSample)
            if tNext >= end { break }
            if !measuring && measureStart <= tNext {
                beginMeasurement(at: measureStart)
                continue
            }
            eventCount &+= 1
            if tEvent <= tAttempt && tEvent <= nextSample {
                let e = events.popEarliest()
                switch e.kind {
                case .rideArrival: rideArrives(at: Int(e.site), time: e.time)
                case .truckAtPickup: truckArrivesAtPickup(Int(e.site), time: e.time)
                case .truckLoaded: truckLeavesPickup(Int(e.site), time: e.time)
                case .truckAtDropoff: truckArrivesAtDropoff(Int(e.site), time: e.time)
                case .truckIdle: truckBecomesIdle(Int(e.site), time: e.time)
                case .decisionEpoch:
                    let next = e.time + model.decisionInterval
                    if next < end { events.schedule(.decisionEpoch, at: next, site: 0) }
                    consultPolicy(at: e.time)
                }
                if Observer.isActive {
                    observer.afterEvent(time: e.time, zoneBikes: bikes.array, holdingBikes: holdingBikes, riding: riding, onTrucks: onTrucks)
                }
            } else if tAttempt <= nextSample {
                let a = pending[pendingNext]
                handle(a)
                if Observer.isActive {
                    observer.afterEvent(time: a.time, zoneBikes: bikes.array, holdingBikes: holdingBikes, riding: riding, onTrucks: onTrucks)
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
        if !measuring { beginMeasurement(at: measureStart) }
        return finish(at: end, eventCount: eventCount)
    }

    // MARK: - Events

    private mutating func handle(_ a: TripAttempt) {
        let o = Int(a.origin)
        var from = o
        var outcome = AttemptOutcome.rode
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
                metrics.attempt(at: o, servedFrom: nil)
                if Observer.isActive { observer.attempt(a, outcome: .lost) }
                return
            }
            outcome = .walked(to: from)
        }
        metrics.attempt(at: o, servedFrom: from)
        changeZone(from, by: -1, at: a.time)
        riding &+= 1
        let arrival = a.time + a.duration
        events.schedule(.rideArrival, at: arrival, site: a.destination)
        if Observer.isActive { observer.attempt(a, outcome: outcome) }
    }

    /// A rider reaches zone z to return the bike.
    private mutating func rideArrives(at z: Int, time t: Double) {
        if model.zoneRedirects[z] && bikes[z] >= model.zoneCapacity[z] {
            metrics.refused(at: z)
            if let (y, metres) = redirects.nearestWithSpace(from: z, bikes: bikes, model: model) {
                let arrival = t + metres * model.redirectSecondsPerMeter
                events.schedule(.rideArrival, at: arrival, site: Int32(y))
                return
            }
            // No zone anywhere has a free space: the rider leaves the bike here (documented).
        }
        riding &-= 1
        metrics.returned(at: z)
        changeZone(z, by: 1, at: t)
    }

    // MARK: - State changes

    @inline(__always)
    mutating func changeZone(_ z: Int, by delta: Int, at t: Double) {
        let before = bikes[z]
        let after = before &+ delta
        bikes[z] = after
        metrics.zoneChanged(z, from: before, to: after, at: t)
    }

    mutating func changeHolding(_ h: Int, by delta: Int, at t: Double) {
        let before = holdingBikes[h]
        holdingBikes[h] = before &+ delta
        metrics.holdingChanged(h, from: before, to: holdingBikes[h], capacity: model.holdingCapacity[h], at: t)
    }

    private mutating func beginMeasurement(at t: Double) {
        metrics.beginMeasurement(at: t, zoneBikes: bikes.array, holdingBikes: holdingBikes, holdingCapacity: model.holdingCapacity)
    }

    private mutating func takeSample(at t: Double) {
        series.times.append(t)
        for z in bikes.indices { series.zoneBikes.append(Int32(bikes[z])) }
        for b in holdingBikes { series.holdingBikes.append(Int32(b)) }
        series.riding.append(Int32(riding))
        series.onTrucks.append(Int32(onTrucks))
    }

    // MARK: - Results

    private mutating func finish(at end: Double, eventCount: Int) -> ReplicationResult {
        for i in 0..<trucks.count where trucks.phase[i] != .idle { addBusyTime(truck: i, until: end) }
        let kpis = metrics.finish(at: end, zoneBikes: bikes.array, holdingBikes: holdingBikes, model: model)
        return ReplicationResult(replication: replication, policy: policy.name, system: kpis.system, zones: kpis.zones,
                                 zoneClocks: kpis.clocks, holdingAreas: kpis.holding, eventCount: eventCount, transfers: transfers,
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
