/// One replication of the model: an exact event-driven loop in continuous time.
///
/// The state is flat arrays of integers indexed by dense zone and holding-area ids. Events come
/// from three ordered sources merged by time: the attempt stream (``AttemptGenerator``), the heap
/// of scheduled events (ride arrivals, truck movements, decision epochs), and the sampling clock. At equal times the order is fixed:
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
    var bikes: [Int]
    var holdingBikes: [Int]
    var riding = 0
    var onTrucks = 0
    var events = EventQueue()
    var measuring = false
    var trucks: TruckFleetState
    var transfers: [TransferRecord] = []

    // Per-zone accumulators.
    private var integrals: [ZoneIntegrals]
    private var rentals: [Int], returns: [Int], lostRentals: [Int], walkedFrom: [Int], failedReturns: [Int]

    // Holding-area accumulators.
    var holdingLastChange: [Double]
    var holdingBikeSeconds: [Double]
    var holdingPeakFill: [Double]
    var holdingIn: [Int], holdingOut: [Int]

    // Truck accumulators (measured window only).
    var truckMeters = 0.0
    var truckBusySeconds = 0.0

    // System accumulators.
    private var totalOverflow = 0
    private var peakOverflow = 0
    private var attempts = 0, served = 0, lost = 0, walked = 0, failed = 0
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
        let n = model.zoneCount, h = model.holdingCount
        bikes = model.zoneInitialBikes
        holdingBikes = model.holdingInitialBikes
        integrals = model.zoneCapacity.map { ZoneIntegrals(capacity: $0) }
        rentals = Array(repeating: 0, count: n)
        returns = rentals; lostRentals = rentals; walkedFrom = rentals; failedReturns = rentals
        holdingLastChange = Array(repeating: 0, count: h)
        holdingBikeSeconds = Array(repeating: 0, count: h)
        holdingPeakFill = Array(repeating: 0, count: h)
        holdingIn = Array(repeating: 0, count: h)
        holdingOut = holdingIn
        for z in 0..<n { totalOverflow += max(0, bikes[z] - model.zoneCapacity[z]) }
    }

    /// Runs the replication to the end and returns its measurements.
    public mutating func run() -> ReplicationResult {
        let end = model.endTime
        let measureStart = model.measureStart
        var generator = AttemptGenerator(demand: model.demand, seed: seed, replication: replication, endTime: end)
        var nextAttempt = generator.next()
        var nextSample = recordTimeSeries ? measureStart : Double.infinity
        let sampleStep = model.sampleSeconds
        var sampleIndex = 0
        var eventCount = 0
        if model.trucks != nil { events.schedule(.decisionEpoch, at: 0, site: 0) }

        while true {
            let tEvent = events.nextTime()
            let tAttempt = nextAttempt?.time ?? .infinity
            let tNext = min(tEvent, tAttempt, nextSample)
            if tNext >= end { break }
            if !measuring && measureStart <= tNext {
                beginMeasurement(at: measureStart)
                continue
            }
            eventCount &+= 1
            if tEvent <= tAttempt && tEvent <= nextSample {
                let e = events.pop()!
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
                    observer.afterEvent(time: e.time, zoneBikes: bikes, holdingBikes: holdingBikes, riding: riding, onTrucks: onTrucks)
                }
            } else if tAttempt <= nextSample {
                let a = nextAttempt!
                handle(a)
                if Observer.isActive {
                    observer.afterEvent(time: a.time, zoneBikes: bikes, holdingBikes: holdingBikes, riding: riding, onTrucks: onTrucks)
                }
                nextAttempt = generator.next()
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
        let counted = measuring
        if counted { attempts &+= 1 }
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
                if counted { lost &+= 1; lostRentals[o] &+= 1 }
                if Observer.isActive { observer.attempt(a, outcome: .lost) }
                return
            }
            outcome = .walked(to: from)
            if counted { walked &+= 1; walkedFrom[o] &+= 1 }
        }
        if counted { served &+= 1; rentals[from] &+= 1 }
        changeZone(from, by: -1, at: a.time)
        riding &+= 1
        events.schedule(.rideArrival, at: a.time + a.duration, site: a.destination)
        if Observer.isActive { observer.attempt(a, outcome: outcome) }
    }

    private mutating func rideArrives(at z: Int, time t: Double) {
        if model.zoneRedirects[z] && bikes[z] >= model.zoneCapacity[z] {
            if measuring { failed &+= 1; failedReturns[z] &+= 1 }
            if let (y, metres) = model.nearestZoneWithSpace(from: z, bikes: bikes) {
                events.schedule(.rideArrival, at: t + metres * model.redirectSecondsPerMeter, site: Int32(y))
                return
            }
            // No zone anywhere has a free space: the rider leaves the bike here (documented).
        }
        riding &-= 1
        if measuring { returns[z] &+= 1 }
        changeZone(z, by: 1, at: t)
    }

    // MARK: - Exact integrals

    @inline(__always)
    mutating func changeZone(_ z: Int, by delta: Int, at t: Double) {
        let before = bikes[z]
        let after = before &+ delta
        bikes[z] = after
        let cap = Int(integrals[z].capacity)
        totalOverflow &+= max(0, after - cap) - max(0, before - cap)
        integrals[z].accumulate(bikes: before, to: t, measuring: measuring)
        guard measuring else { return }
        integrals[z].checkPeak(bikes: after, at: t)
        if totalOverflow > peakOverflow { peakOverflow = totalOverflow }
    }

    private mutating func beginMeasurement(at t: Double) {
        measuring = true
        for z in 0..<model.zoneCount {
            integrals[z].lastChange = t
            integrals[z].checkPeak(bikes: bikes[z], at: t)
        }
        for h in 0..<model.holdingCount {
            holdingLastChange[h] = t
            let cap = model.holdingCapacity[h]
            if cap > 0 { holdingPeakFill[h] = Double(holdingBikes[h]) / Double(cap) }
        }
        peakOverflow = totalOverflow
    }

    private mutating func takeSample(at t: Double) {
        series.times.append(t)
        for b in bikes { series.zoneBikes.append(Int32(b)) }
        for b in holdingBikes { series.holdingBikes.append(Int32(b)) }
        series.riding.append(Int32(riding))
        series.onTrucks.append(Int32(onTrucks))
    }

    // MARK: - Results

    private mutating func finish(at end: Double, eventCount: Int) -> ReplicationResult {
        for z in 0..<model.zoneCount { integrals[z].accumulate(bikes: bikes[z], to: end, measuring: measuring) }
        for h in 0..<model.holdingCount { accumulate(holding: h, to: end) }
        for i in 0..<trucks.count where trucks.phase[i] != .idle { addBusyTime(truck: i, until: end) }
        let measuredSeconds = end - model.measureStart
        let dayStart = { (t: Double) in t - (t / 86_400).rounded(.down) * 86_400 }

        var zones: [[Double?]] = []
        var peakTimes: [Double?] = []
        var overflowHours = 0.0
        for z in 0..<model.zoneCount {
            var row = [Double?](repeating: nil, count: ZoneKPI.allCases.count)
            let zi = integrals[z]
            row[ZoneKPI.overflowBikeHours.rawValue] = zi.overflowSeconds / 3600
            row[ZoneKPI.minutesOverCapacity.rawValue] = zi.overSeconds / 60
            row[ZoneKPI.emptyMinutes.rawValue] = zi.emptySeconds / 60
            row[ZoneKPI.peakPressure.rawValue] = model.zoneCapacity[z] > 0 ? zi.peakPressure : nil
            row[ZoneKPI.meanBikes.rawValue] = zi.bikeSeconds / measuredSeconds
            row[ZoneKPI.rentals.rawValue] = Double(rentals[z])
            row[ZoneKPI.returns.rawValue] = Double(returns[z])
            row[ZoneKPI.lostRentals.rawValue] = Double(lostRentals[z])
            row[ZoneKPI.walkedFrom.rawValue] = Double(walkedFrom[z])
            row[ZoneKPI.failedReturns.rawValue] = Double(failedReturns[z])
            zones.append(row)
            peakTimes.append(model.zoneCapacity[z] > 0 ? dayStart(zi.peakTime) : nil)
            overflowHours += zi.overflowSeconds / 3600
        }
        var holding: [[Double?]] = []
        for h in 0..<model.holdingCount {
            var row = [Double?](repeating: 0, count: HoldingKPI.allCases.count)
            row[HoldingKPI.meanBikes.rawValue] = holdingBikeSeconds[h] / measuredSeconds
            row[HoldingKPI.peakFill.rawValue] = model.holdingCapacity[h] > 0 ? holdingPeakFill[h] : nil
            row[HoldingKPI.bikesIn.rawValue] = Double(holdingIn[h])
            row[HoldingKPI.bikesOut.rawValue] = Double(holdingOut[h])
            holding.append(row)
        }

        let fleet = model.fleet
        var system = [Double?](repeating: 0, count: SystemKPI.allCases.count)
        system[SystemKPI.tripAttempts.rawValue] = Double(attempts)
        system[SystemKPI.tripsServed.rawValue] = Double(served)
        system[SystemKPI.tripsLost.rawValue] = Double(lost)
        system[SystemKPI.tripsWalked.rawValue] = Double(walked)
        system[SystemKPI.serviceLevel.rawValue] = attempts > 0 ? Double(served) / Double(attempts) : nil
        system[SystemKPI.failedReturns.rawValue] = Double(failed)
        system[SystemKPI.overflowBikeHours.rawValue] = overflowHours
        system[SystemKPI.peakOverflowBikes.rawValue] = Double(peakOverflow)
        system[SystemKPI.hotspotZones.rawValue] = Double(integrals.lazy.filter(\.everOver).count)
        system[SystemKPI.bikesToHolding.rawValue] = Double(holdingIn.reduce(0, +))
        system[SystemKPI.bikesFromHolding.rawValue] = Double(holdingOut.reduce(0, +))
        system[SystemKPI.holdingPeakFill.rawValue] = holdingPeakFill.max() ?? 0
        system[SystemKPI.truckKm.rawValue] = truckMeters * (model.trucks?.kmPerMeter ?? 0)
        system[SystemKPI.truckBusyHours.rawValue] = truckBusySeconds / 3600
        system[SystemKPI.turnover.rawValue] = fleet > 0 ? Double(served) / Double(fleet) / Double(model.measuredDays) : nil
        system[SystemKPI.fleet.rawValue] = Double(fleet)
        return ReplicationResult(replication: replication, policy: policy.name, system: system, zones: zones,
                                 zonePeakTime: peakTimes, holdingAreas: holding, eventCount: eventCount, transfers: transfers,
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
