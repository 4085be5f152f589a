import TideSimCore
import TideSimBuffers
import Foundation

/// A scenario compiled for the engine: ids mapped to dense integers once, at load; per-zone data
/// in flat arrays; demand in sampling tables; walking neighbours precomputed; and the ids, names
/// and settings that reports need. It is the compiled boundary: the engine, the policies and the
/// exporters read the model, never the ``Scenario`` it was compiled from.
public struct Model: Sendable {
    // What reports say about the run.
    /// The scenario's display name.
    public let name: String
    /// The scenario's base seed (`--seed` overrides it).
    public let seed: UInt64
    /// Whole days simulated, and the leading days not measured.
    public let days: Int, warmupDays: Int
    /// Interval of the time series, in minutes.
    public let sampleMinutes: Int
    /// The planning cap on the fleet, if the scenario states one.
    public let fleetCap: Int?
    /// The day's cost of the levers (trucks, holding areas, fleet), when the scenario states costs.
    public let costPerDay: Costs.Day?
    /// Zone ids, names and kinds, in file order (dense index = position).
    public let zoneID: [String], zoneName: [String], zoneKind: [String]
    /// Holding-area ids and names, in file order.
    public let holdingID: [String], holdingName: [String]
    /// Whether the scenario has a `trucks` block with at least one truck.
    public var hasTrucks: Bool { trucks != nil }
    /// The policy settings (name, thresholds, overrides), from which the catalog makes policies.
    public let policy: PolicySettings

    public var zoneCount: Int { zoneCapacity.count }
    public var holdingCount: Int { holdingCapacity.count }

    public let zoneCapacity: [Int]
    public let zoneInitialBikes: [Int]
    /// Whether a full zone refuses returns (`redirect`).
    public let zoneRedirects: [Bool]
    /// Rush-hour caps per zone (empty for a zone without).
    public let zoneCapacityWindows: [[CapacityWindow]]
    /// Every change of a zone's capacity in force during the run, in time order (empty without
    /// rush-hour caps).
    public let capacityChanges: [CapacityChange]
    /// Zone coordinates; nil for zones without them.
    public let zoneCoordinate: [Coordinate?]
    public let holdingCapacity: [Int]
    public let holdingInitialBikes: [Int]
    /// Holding-area coordinates (required when the scenario has trucks).
    public let holdingCoordinate: [Coordinate?]
    /// Opening hours; nil means always open.
    public let holdingOpen: [TimeWindow?]
    /// Each site's point on the unit sphere (nil without coordinates), for nearest-site searches:
    /// the straight-line (chord) distance grows with the great-circle one, so comparing squared
    /// chords finds the same nearest site without a sine or cosine per candidate.
    let zoneUnit: [SIMD3<Double>?], holdingUnit: [SIMD3<Double>?]
    /// The zones in a grid for redirect searches; built only when some zone redirects.
    package let zoneGrid: ZoneGrid?

    /// The trucks of every fleet; nil when the scenario has none (or only fleets of 0 trucks).
    public let trucks: TruckFleets?
    /// The scenario's policy and its parameters, typed.
    public let policyParameters: PolicyParameters
    /// The policy's thresholds per zone.
    public let targets: ZoneTargets
    /// How often the policy is asked during shifts, in seconds.
    public let decisionInterval: Double
    /// Clock time (seconds after midnight) from which the built-in policies send held bikes back
    /// out before they clear more: `policy.releaseFrom`, else the start of the trucks' last shift
    /// of the day, else 16:00. The release period runs from then to midnight.
    public let releaseFrom: Int
    /// The city's clearance rule, in minutes (`policy.clearanceMinutes`).
    public let clearanceMinutes: Double
    /// Expected inflows and outflows for forecasts.
    public let forecast: ForecastTables

    public let demand: CompiledDemand
    /// The operators (empty: one anonymous fleet, whose trucks are ``trucks``). With operators,
    /// ``trucks`` lists every operator's fleets, in operator order.
    public let operators: [OperatorModel]
    /// With operators: the probability that a rider whose operator has no bike takes another's.
    public let switchOperator: Double
    /// The city's inspections; nil without them (or with no inspector).
    public let inspections: InspectionSettings?
    /// Whether the scenario has an `inspections` block (with 0 inspectors too: a sweep over
    /// their number writes the same columns at every point, whatever the shard).
    public let declaresInspections: Bool
    /// One day of trip attempts replayed from records (`run --replay`), in time order, repeated on
    /// every simulated day; nil when the attempts are drawn from ``demand``.
    public private(set) var replayDay: [TripAttempt]?

    /// Walking neighbours of zone z: `walkNeighbours[walkStart[z]..<walkStart[z+1]]`, nearest
    /// first (ties: the zone listed first), within `demand.walkMeters`, z itself excluded.
    package let walkStart: [Int32]
    package let walkNeighbours: [Int32]

    /// Seconds per metre of extra riding when a docked zone redirects a rider.
    package let redirectSecondsPerMeter: Double

    /// End of the run and start of the measured window, in seconds from midnight of day 1.
    public var endTime: Double { Double(days) * 86_400 }
    public var measureStart: Double { Double(warmupDays) * 86_400 }
    public var measuredDays: Int { days - warmupDays }
    public var sampleSeconds: Double { Double(sampleMinutes) * 60 }
    /// Samples of the time series over the measured days.
    public var sampleCount: Int { measuredDays * 1440 / sampleMinutes }

    /// Bytes the recorded time series of `replications` replications hold in memory (4 per site
    /// and sample, riding, bikes on trucks and busy trucks included); what `--out` and `--html`
    /// need on top of the run.
    public func timeSeriesBytes(replications: Int) -> Double {
        Double(replications) * Double(sampleCount) * Double(zoneCount + holdingCount + 3) * 4
    }

    /// The same model with its attempts replayed from records instead of drawn (times within one
    /// day, sorted).
    public func replaying(_ attempts: [TripAttempt]) -> Model {
        var m = self
        m.replayDay = attempts
        return m
    }

    /// Bikes in the system at the start (zones and holding areas).
    public var fleet: Int { zoneInitialBikes.reduce(0, +) + holdingInitialBikes.reduce(0, +) }

    /// Compiles a validated scenario.
    public init(_ scenario: Scenario) { self.init(scenario, sharing: nil) }

    /// What an operator's view (``OperatorModel/view``) takes from the city's model instead of
    /// compiling it again: the demand, the forecast (scaled by the operator's share), the walking
    /// neighbours and the zone grid.
    struct Compiled {
        let demand: CompiledDemand, forecast: ForecastTables, walkStart: [Int32], walkNeighbours: [Int32], zoneGrid: ZoneGrid?
    }

    /// Compiles a validated scenario, taking what `shared` holds from it.
    init(_ scenario: Scenario, sharing shared: Compiled?) {
        name = scenario.name
        seed = scenario.seed
        days = scenario.days
        warmupDays = scenario.warmupDays
        sampleMinutes = scenario.sampleMinutes
        fleetCap = scenario.fleetCap
        costPerDay = scenario.costPerDay
        policy = scenario.policy
        policyParameters = PolicyParameters(scenario.policy)
        let zones = scenario.zones
        zoneID = zones.map(\.id)
        zoneName = zones.map(\.name)
        zoneKind = zones.map(\.kind)
        holdingID = scenario.holdingAreas.map(\.id)
        holdingName = scenario.holdingAreas.map(\.name)
        zoneCapacity = zones.map(\.capacity)
        let deployed = scenario.deployedBikes()
        zoneInitialBikes = scenario.operators.isEmpty ? zones.map(\.bikes)
            : zones.indices.map { z in deployed.zones.reduce(0) { $0 + $1[z] } }
        zoneRedirects = zones.map { $0.overflow == .redirect }
        zoneCapacityWindows = zones.map(\.capacityWindows)
        capacityChanges = CapacityChange.schedule(base: zoneCapacity, windows: zoneCapacityWindows, days: scenario.days)
        zoneCoordinate = zones.map(\.coordinate)
        holdingCapacity = scenario.holdingAreas.map(\.capacity)
        holdingInitialBikes = scenario.operators.isEmpty ? scenario.holdingAreas.map(\.bikes)
            : scenario.holdingAreas.indices.map { h in deployed.holding.reduce(0) { $0 + $1[h] } }
        holdingCoordinate = scenario.holdingAreas.map(\.coordinate)
        holdingOpen = scenario.holdingAreas.map(\.open)
        zoneUnit = zoneCoordinate.map { $0.map(Model.unitVector) }
        holdingUnit = holdingCoordinate.map { $0.map(Model.unitVector) }
        let grid = shared.map(\.zoneGrid) ?? (zones.contains { $0.overflow == .redirect } ? ZoneGrid(unit: zoneUnit) : nil)
        zoneGrid = grid

        let index = IDIndex(zones.map(\.id))     // (ids are unique: the decoder checks)
        let d = scenario.demand
        let ride = d.ride
        let allProfiles = BuiltInProfiles.all + d.profiles
        let profileIndex = IDIndex(allProfiles.map(\.0))   // (unique: the decoder refuses a custom profile named as a built-in)
        let profiles = allProfiles.map { QuarterHourProfile(weights: $0.1) }
        let metresPerSecond = ride.speedKmh / 3.6
        let flows = shared != nil ? [] : d.flows.map { f -> (Int, Int, Double, Int, Double) in
            let o = index[f.from]!, t = index[f.to]!
            let mean: Double
            if let minutes = f.minutes {
                mean = minutes * 60
            } else {
                let metres = o == t ? 0 : zones[o].coordinate!.distanceMeters(to: zones[t].coordinate!)
                mean = ride.meanSeconds(overMeters: metres)
            }
            return (o, t, f.tripsPerDay * d.scale, profileIndex[f.profile]!, mean)
        }
        let compiledDemand = shared?.demand ?? CompiledDemand(flows: flows.map { ($0.0, $0.1, $0.2, $0.3, $0.4) }, profiles: profiles, cv: ride.cv)
        demand = compiledDemand
        redirectSecondsPerMeter = ride.detour / metresPerSecond
        let compiledForecast = shared?.forecast ?? ForecastTables(demand: compiledDemand, zoneCount: zones.count)
        forecast = compiledForecast

        var holdingIndex: [String: Int] = [:]
        for (i, h) in scenario.holdingAreas.enumerated() { holdingIndex[h.id] = i }
        let fleets = scenario.allFleets.filter { $0.count > 0 }.map { t -> TruckSettings in
            let depot: Site = index[t.depot].map { .zone($0) } ?? .holding(holdingIndex[t.depot]!)
            var settings = TruckSettings(count: t.count, capacity: t.capacity, secondsPerMeter: t.detour / (t.speedKmh / 3.6),
                                         kmPerMeter: t.detour / 1000, loadSeconds: t.loadSeconds, depot: depot, shifts: t.shifts)
            settings.id = t.id ?? ""
            settings.maxOrderKm = t.maxOrderKm
            if let serves = t.serves {
                var territory = [Bool](repeating: false, count: zones.count)
                for id in serves { if let z = index[id] { territory[z] = true } }
                settings.territory = territory
            }
            return settings
        }
        trucks = fleets.isEmpty ? nil : TruckFleets(fleets)
        let p = scenario.policy
        var high = [Double](repeating: p.high, count: zones.count)
        var target = [Double](repeating: p.target, count: zones.count)
        var low = [Double](repeating: p.low, count: zones.count)
        var assigned = [Int?](repeating: nil, count: zones.count)
        var priority = [Double](repeating: 0, count: zones.count)
        for o in p.zones {
            guard let z = index[o.zone] else { continue }
            high[z] = o.high ?? p.high
            target[z] = o.target ?? p.target
            low[z] = o.low ?? p.low
            assigned[z] = o.holdingArea.flatMap { holdingIndex[$0] }
            priority[z] = o.priority ?? 0
        }
        targets = ZoneTargets(high: high, target: target, low: low, holdingArea: assigned, priority: priority)
        decisionInterval = p.everyMinutes * 60
        clearanceMinutes = p.clearanceMinutes
        releaseFrom = scenario.releaseFrom

        var start: [Int32] = [0]
        var neighbours: [Int32] = []
        if let shared {
            start = shared.walkStart
            neighbours = shared.walkNeighbours
        } else if d.walkMeters > 0 {
            // The grid finds exactly the zones a scan of every zone would, in the same order.
            let grid = grid ?? ZoneGrid(unit: zoneUnit)
            let coordinates = zoneCoordinate
            for z in zones.indices {
                if let c = coordinates[z], let u = zoneUnit[z] {
                    neighbours.append(contentsOf: grid.within(d.walkMeters, of: z, unit: u) { c.distanceMeters(to: coordinates[$0]!) })
                }
                start.append(Int32(neighbours.count))
            }
        } else {
            start = [Int32](repeating: 0, count: zones.count + 1)
        }
        walkStart = start
        walkNeighbours = neighbours

        switchOperator = d.switchOperator
        declaresInspections = scenario.inspections != nil
        let capacities = zones.map(\.capacity), located = zones.map { $0.coordinate != nil }
        inspections = scenario.inspections.flatMap { s in
            s.inspectors > 0 ? InspectionSettings(s, zoneIndex: { index[$0] }, capacity: capacities, located: located) : nil
        }
        var compiled: [OperatorModel] = []
        var firstFleet = 0, firstTruck = 0
        let placed = scenario.placedBikes()
        for (o, op) in scenario.operators.enumerated() {
            let own = op.fleets.filter { $0.count > 0 }
            // The city's demand, walking neighbours and grid, and its forecast scaled by the share.
            let inherited = Compiled(demand: compiledDemand, forecast: compiledForecast.scaled(by: op.share), walkStart: start,
                                    walkNeighbours: neighbours, zoneGrid: grid)
            let view = Model(scenario.operatorView(o, zoneBikes: deployed.zones[o], holdingBikes: deployed.holding[o]), sharing: inherited)
            compiled.append(OperatorModel(
                id: op.id, name: op.name, share: op.share, quota: op.quota,
                placed: placed.zones[o].reduce(0, +) + placed.holding[o].reduce(0, +),
                zoneInitialBikes: deployed.zones[o], holdingInitialBikes: deployed.holding[o],
                fleets: firstFleet..<(firstFleet + own.count), trucks: firstTruck..<(firstTruck + op.truckCount),
                policyName: op.policy ?? scenario.policy.name, view: view))
            firstFleet += own.count
            firstTruck += op.truckCount
        }
        operators = compiled
    }

    /// The id of a site.
    public func id(of site: Site) -> String {
        switch site {
        case .zone(let z): return zoneID[z]
        case .holding(let h): return holdingID[h]
        }
    }

    /// The coordinate of a site, if it has one.
    public func coordinate(of site: Site) -> Coordinate? {
        switch site {
        case .zone(let z): return zoneCoordinate[z]
        case .holding(let h): return holdingCoordinate[h]
        }
    }

    /// A coordinate as a point on the unit sphere.
    package static func unitVector(_ c: Coordinate) -> SIMD3<Double> {
        let lat = c.lat * Double.pi / 180, lon = c.lon * Double.pi / 180
        return SIMD3(cos(lat) * cos(lon), cos(lat) * sin(lon), sin(lat))
    }

    /// The squared chord between two sites on the unit sphere: an order-preserving stand-in for
    /// ``meters(from:to:)`` in nearest-site searches (0 for the same site; infinity without
    /// coordinates).
    @inline(__always)
    package func chordSquared(from a: Site, to b: Site) -> Double {
        if a == b { return 0 }
        let ua: SIMD3<Double>?, ub: SIMD3<Double>?
        switch a { case .zone(let z): ua = zoneUnit[z]; case .holding(let h): ua = holdingUnit[h] }
        switch b { case .zone(let z): ub = zoneUnit[z]; case .holding(let h): ub = holdingUnit[h] }
        guard let ua, let ub else { return .infinity }
        let d = ua - ub
        return (d * d).sum()
    }

    /// Great-circle metres between two sites (0 for the same site; infinity if either lacks coordinates).
    public func meters(from a: Site, to b: Site) -> Double {
        if a == b { return 0 }
        guard let ca = coordinate(of: a), let cb = coordinate(of: b) else { return .infinity }
        return ca.distanceMeters(to: cb)
    }

    /// Whether a time (seconds from midnight of day 1) falls in the daily release period.
    public func releasePeriod(contains t: Double) -> Bool {
        t.truncatingRemainder(dividingBy: 86_400) >= Double(releaseFrom)
    }

    /// Whether a holding area is open at a time (seconds from midnight of day 1).
    public func isOpen(holding h: Int, at t: Double) -> Bool {
        isOpen(holding: h, secondOfDay: t.truncatingRemainder(dividingBy: 86_400))
    }

    /// Whether holding area h is open at a clock time (seconds after midnight).
    public func isOpen(holding h: Int, secondOfDay: Double) -> Bool {
        holdingOpen[h]?.contains(secondOfDay: secondOfDay) ?? true
    }
}
