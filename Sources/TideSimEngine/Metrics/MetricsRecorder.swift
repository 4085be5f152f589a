import TideSimModel
import TideSimCore
import TideSimBuffers
/// Everything one replication measures: exact integrals of the piecewise-constant state, counters
/// and overflow episodes, clipped to the measured window; and the KPIs made from them at the end.
///
/// The simulation tells it every change of a zone or a holding area and every trip outcome; it
/// never reads the event list. Integrals are accumulated when a count changes (and once at the
/// end), so they cost nothing between changes.
struct MetricsRecorder {
    private let measureStart: Double
    private let clearanceSeconds: Double
    /// Whether the measured window has begun.
    private(set) var measuring = false

    // Per-zone state in buffers this replication owns: a zone's change is a store, with no
    // copy-on-write check (FixedArray).
    private let integrals: FixedArray<ZoneIntegrals>
    private var episodes: [OverflowEpisodes]
    private let rentals: FixedArray<Int>, returns: FixedArray<Int>, lostRentals: FixedArray<Int>, walkedFrom: FixedArray<Int>,
                failedReturns: FixedArray<Int>

    private var holdingLastChange: [Double]
    private var holdingBikeSeconds: [Double]
    private var holdingPeakFill: [Double]
    private var holdingIn: [Int], holdingOut: [Int]

    /// Great-circle metres driven by each fleet's trucks (converted to road km at the end).
    private var truckMeters: [Double]
    private var truckBusySeconds = 0.0

    private var totalOverflow = 0
    private var peakOverflow = 0
    /// Whether to keep the system's overflow after each change (the dispatch bound's baseline).
    private let tracing: Bool
    /// The system's bikes above capacity from the start of the run, when tracing.
    private(set) var overflowTrace = OverflowTrace()
    private var attempts = 0, served = 0, lost = 0, walked = 0, failed = 0

    init(model: Model, traceOverflow: Bool = false) {
        tracing = traceOverflow
        measureStart = model.measureStart
        truckMeters = Array(repeating: 0, count: model.trucks?.fleets.count ?? 0)
        clearanceSeconds = model.clearanceMinutes * 60
        let n = model.zoneCount, h = model.holdingCount
        integrals = FixedArray((0..<model.zoneCount).map { ZoneIntegrals(capacity: model.capacity(zone: $0, at: 0)) })
        episodes = Array(repeating: OverflowEpisodes(), count: n)
        rentals = FixedArray(repeating: 0, count: n)
        returns = FixedArray(repeating: 0, count: n); lostRentals = FixedArray(repeating: 0, count: n)
        walkedFrom = FixedArray(repeating: 0, count: n); failedReturns = FixedArray(repeating: 0, count: n)
        holdingLastChange = Array(repeating: 0, count: h)
        holdingBikeSeconds = holdingLastChange
        holdingPeakFill = holdingLastChange
        holdingIn = Array(repeating: 0, count: h)
        holdingOut = holdingIn
        for z in 0..<n { totalOverflow += max(0, model.zoneInitialBikes[z] - model.capacity(zone: z, at: 0)) }
        if tracing { overflowTrace.append(time: 0, overflow: totalOverflow) }
    }

    // MARK: - State changes

    /// Zone z went from `before` to `after` bikes at `t`. Returns the capacity in force and
    /// whether the zone reached a new peak pressure (the operators' ledger uses them; the engine
    /// without operators drops them, at no cost once inlined).
    @inline(__always) @discardableResult
    mutating func zoneChanged(_ z: Int, from before: Int, to after: Int, at t: Double) -> (capacity: Int, peaked: Bool) {
        let cap = Int(integrals[z].capacity)
        let change = max(0, after - cap) - max(0, before - cap)
        totalOverflow &+= change
        if tracing && change != 0 { overflowTrace.append(time: t, overflow: totalOverflow) }
        integrals[z].accumulate(bikes: before, to: t, measuring: measuring)
        guard measuring else { return (cap, false) }
        return (cap, measured(z, bikes: after, wasOver: before > cap, isOver: after > cap, at: t))
    }

    /// The measured consequences of a change of zone z (its bikes, or its capacity in force) at
    /// `t`: its peak, the system's peak overflow, and the start or end of an episode.
    /// Returns whether the zone reached a new peak pressure.
    @inline(__always) @discardableResult
    private mutating func measured(_ z: Int, bikes: Int, wasOver: Bool, isOver: Bool, at t: Double) -> Bool {
        let peaked = integrals[z].checkPeak(bikes: bikes, at: t)
        if totalOverflow > peakOverflow { peakOverflow = totalOverflow }
        if wasOver != isOver {
            if isOver { episodes[z].begin(at: t) } else { episodes[z].end(at: t, clearanceSeconds: clearanceSeconds) }
        }
        return peaked
    }

    /// Zone z, holding `bikes`, has `capacity` spaces in force from `t` (a rush-hour cap opens or
    /// closes): an episode starts when the cap opens on a zone already above it, and ends when it
    /// lifts from one no longer above.
    mutating func capacityChanged(_ z: Int, to capacity: Int, bikes: Int, at t: Double) {
        let old = Int(integrals[z].capacity)
        integrals[z].accumulate(bikes: bikes, to: t, measuring: measuring)
        totalOverflow &+= max(0, bikes - capacity) - max(0, bikes - old)
        if tracing { overflowTrace.append(time: t, overflow: totalOverflow) }
        integrals[z].capacity = Int32(clamping: capacity)
        guard measuring else { return }
        measured(z, bikes: bikes, wasOver: bikes > old, isOver: bikes > capacity, at: t)
    }

    /// Holding area h, of capacity `capacity`, went from `before` to `after` bikes at `t`.
    mutating func holdingChanged(_ h: Int, from before: Int, to after: Int, capacity: Int, at t: Double) {
        accumulate(holding: h, bikes: before, to: t)
        if measuring && capacity > 0 { holdingPeakFill[h] = max(holdingPeakFill[h], Double(after) / Double(capacity)) }
    }

    private mutating func accumulate(holding h: Int, bikes: Int, to t: Double) {
        let from = holdingLastChange[h]
        holdingLastChange[h] = t
        if measuring && t > from { holdingBikeSeconds[h] += Double(bikes) * (t - from) }
    }

    /// Starts the measured window at `t` with the state then: an episode above capacity under way
    /// counts from here.
    mutating func beginMeasurement(at t: Double, zoneBikes: [Int], holdingBikes: [Int], holdingCapacity: [Int]) {
        measuring = true
        for z in integrals.indices {
            integrals[z].lastChange = t
            integrals[z].checkPeak(bikes: zoneBikes[z], at: t)
            if zoneBikes[z] > Int(integrals[z].capacity) { episodes[z].begin(at: t) }
        }
        for h in holdingBikes.indices {
            holdingLastChange[h] = t
            let cap = holdingCapacity[h]
            if cap > 0 { holdingPeakFill[h] = Double(holdingBikes[h]) / Double(cap) }
        }
        peakOverflow = totalOverflow
    }

    // MARK: - Counters

    /// An attempt at zone `origin`: served from `from` (the origin, or the zone walked to), or
    /// lost when `from` is nil.
    @inline(__always)
    mutating func attempt(at origin: Int, servedFrom from: Int?) {
        guard measuring else { return }
        attempts &+= 1
        guard let from else { lost &+= 1; lostRentals[origin] &+= 1; return }
        if from != origin { walked &+= 1; walkedFrom[origin] &+= 1 }
        served &+= 1
        rentals[from] &+= 1
    }

    /// A return at zone z.
    @inline(__always)
    mutating func returned(at z: Int) { if measuring { returns[z] &+= 1 } }

    /// A full docked zone z refused a return.
    mutating func refused(at z: Int) { if measuring { failed &+= 1; failedReturns[z] &+= 1 } }

    mutating func holdingMoved(_ h: Int, into: Int, outOf: Int) {
        guard measuring else { return }
        holdingIn[h] &+= into
        holdingOut[h] &+= outOf
    }

    /// A leg of `metres` driven by a truck of `fleet` that ends at `arrival` (counted when it ends
    /// in the window).
    mutating func truckDrove(_ metres: Double, fleet: Int, arrival: Double, end: Double) {
        if arrival >= measureStart && arrival < end { truckMeters[fleet] += metres }
    }

    /// A truck was busy from `from` to `to` (clipped to the window).
    mutating func truckBusy(from: Double, to t: Double) {
        let start = max(from, measureStart)
        if measuring && t > start { truckBusySeconds += t - start }
    }

    /// Whether zone z, now holding `bikes`, reached its highest pressure of the measured window
    /// at `t`. (Mutating only so that it reads the recorder in place: a plain method copied it.)
    @inline(__always)
    mutating func peaked(_ z: Int, bikes: Int, at t: Double) -> Bool {
        integrals[z].peakTime == t && Int(integrals[z].peakBikes) == bikes
    }

    /// Zone z's capacity in force now. (Mutating only so that it reads the recorder in place.)
    @inline(__always)
    mutating func capacityInForce(_ z: Int) -> Int { Int(integrals[z].capacity) }

    /// An inspector saw zone z above capacity at t: the episode under way is detected (once).
    mutating func sighted(_ z: Int, at t: Double) {
        guard measuring else { return }
        episodes[z].sighted(at: t)
    }

    /// Over the measured window: overflow episodes, those an inspector saw, and the seconds from
    /// their starts to their first sightings. (Mutating only so that it reads in place.)
    mutating func detection() -> (episodes: Int, detected: Int, seconds: Double) {
        episodes.reduce((0, 0, 0.0)) { ($0.0 + $1.count, $0.1 + $1.detected, $0.2 + $1.secondsToDetection) }
    }

    /// Road km driven by the trucks of fleets `fleets` (indices into the model's fleets).
    func truckKm(fleets: Range<Int>, model: Model) -> Double {
        guard let trucks = model.trucks else { return 0 }
        return fleets.reduce(0) { $0 + truckMeters[$1] * trucks.fleets[$1].kmPerMeter }
    }

    // MARK: - Results

    /// Closes the integrals and episodes at `end` and makes the replication's KPIs.
    mutating func finish(at end: Double, zoneBikes: [Int], holdingBikes: [Int], model: Model)
        -> (system: [Double?], zones: [[Double?]], clocks: [[Double?]], holding: [[Double?]])
    {
        for z in integrals.indices {
            integrals[z].accumulate(bikes: zoneBikes[z], to: end, measuring: measuring)
            episodes[z].end(at: end, clearanceSeconds: clearanceSeconds)
        }
        for h in holdingBikes.indices { accumulate(holding: h, bikes: holdingBikes[h], to: end) }
        let measuredSeconds = end - measureStart

        var zones: [[Double?]] = []
        var clocks: [[Double?]] = []
        var overflowHours = 0.0
        var breaches = 0
        for z in 0..<model.zoneCount {
            var row = [Double?](repeating: nil, count: ZoneKPI.allCases.count)
            let zi = integrals[z], ep = episodes[z]
            let hasCapacity = model.zoneCapacity[z] > 0
            row[ZoneKPI.overflowBikeHours.rawValue] = zi.overflowSeconds / 3600
            row[ZoneKPI.minutesOverCapacity.rawValue] = zi.overSeconds / 60
            row[ZoneKPI.emptyMinutes.rawValue] = zi.emptySeconds / 60
            row[ZoneKPI.peakPressure.rawValue] = hasCapacity ? zi.peakPressure : nil
            row[ZoneKPI.meanBikes.rawValue] = zi.bikeSeconds / measuredSeconds
            row[ZoneKPI.rentals.rawValue] = Double(rentals[z])
            row[ZoneKPI.returns.rawValue] = Double(returns[z])
            row[ZoneKPI.lostRentals.rawValue] = Double(lostRentals[z])
            row[ZoneKPI.walkedFrom.rawValue] = Double(walkedFrom[z])
            row[ZoneKPI.failedReturns.rawValue] = Double(failedReturns[z])
            row[ZoneKPI.overflowEpisodes.rawValue] = Double(ep.count)
            row[ZoneKPI.longestOverflowMinutes.rawValue] = ep.longestSeconds / 60
            row[ZoneKPI.clearanceBreaches.rawValue] = Double(ep.breaches)
            zones.append(row)
            var clock = [Double?](repeating: nil, count: ZoneClock.allCases.count)
            clock[ZoneClock.peakTime.rawValue] = hasCapacity ? zi.peakTime : nil
            clock[ZoneClock.firstOverCapacity.rawValue] = ep.first
            clock[ZoneClock.lastOverCapacity.rawValue] = ep.last
            clocks.append(clock)
            overflowHours += zi.overflowSeconds / 3600
            breaches += ep.breaches
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
        let days = Double(model.measuredDays)
        var system = [Double?](repeating: 0, count: SystemKPI.allCases.count)
        system[SystemKPI.tripAttempts.rawValue] = Double(attempts)
        system[SystemKPI.tripsServed.rawValue] = Double(served)
        system[SystemKPI.tripsLost.rawValue] = Double(lost)
        system[SystemKPI.tripsWalked.rawValue] = Double(walked)
        system[SystemKPI.serviceLevel.rawValue] = attempts > 0 ? Double(served) / Double(attempts) : nil
        system[SystemKPI.failedReturns.rawValue] = Double(failed)
        system[SystemKPI.overflowBikeHours.rawValue] = overflowHours
        system[SystemKPI.peakOverflowBikes.rawValue] = Double(peakOverflow)
        system[SystemKPI.hotspotZones.rawValue] = Double(integrals.array.lazy.filter(\.everOver).count)
        system[SystemKPI.bikesToHolding.rawValue] = Double(holdingIn.reduce(0, +))
        system[SystemKPI.bikesFromHolding.rawValue] = Double(holdingOut.reduce(0, +))
        system[SystemKPI.holdingPeakFill.rawValue] = holdingPeakFill.max() ?? 0
        system[SystemKPI.truckKm.rawValue] = model.trucks.map { f in f.fleets.indices.reduce(0) { $0 + truckMeters[$1] * f.fleets[$1].kmPerMeter } } ?? 0
        system[SystemKPI.truckBusyHours.rawValue] = truckBusySeconds / 3600
        system[SystemKPI.turnover.rawValue] = fleet > 0 ? Double(served) / Double(fleet) / days : nil
        system[SystemKPI.fleet.rawValue] = Double(fleet)
        system[SystemKPI.clearanceBreaches.rawValue] = Double(breaches) / days
        return (system, zones, clocks, holding)
    }
}
