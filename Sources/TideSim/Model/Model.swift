/// A scenario compiled for the engine: ids mapped to dense integers once, at load; per-zone data
/// in flat arrays; demand in sampling tables; walking neighbours precomputed.
public struct Model: Sendable {
    /// The validated scenario this model was built from.
    public let scenario: Scenario

    public var zoneCount: Int { zoneCapacity.count }
    public var holdingCount: Int { holdingCapacity.count }

    public let zoneCapacity: [Int]
    public let zoneInitialBikes: [Int]
    /// Whether a full zone refuses returns (`redirect`).
    public let zoneRedirects: [Bool]
    /// Zone coordinates; nil for zones without them.
    public let zoneCoordinate: [Coordinate?]
    public let holdingCapacity: [Int]
    public let holdingInitialBikes: [Int]

    public let demand: CompiledDemand

    /// Walking neighbours of zone z: `walkNeighbours[walkStart[z]..<walkStart[z+1]]`, nearest
    /// first (ties: the zone listed first), within `demand.walkMeters`, z itself excluded.
    let walkStart: [Int32]
    let walkNeighbours: [Int32]

    /// Seconds per metre of extra riding when a docked zone redirects a rider.
    let redirectSecondsPerMeter: Double

    /// End of the run and start of the measured window, in seconds from midnight of day 1.
    public var endTime: Double { Double(scenario.days) * 86_400 }
    public var measureStart: Double { Double(scenario.warmupDays) * 86_400 }
    public var measuredDays: Int { scenario.days - scenario.warmupDays }
    public var sampleSeconds: Double { Double(scenario.sampleMinutes) * 60 }
    /// Bikes in the system at the start (zones and holding areas).
    public var fleet: Int { zoneInitialBikes.reduce(0, +) + holdingInitialBikes.reduce(0, +) }

    /// Compiles a validated scenario.
    public init(_ scenario: Scenario) {
        self.scenario = scenario
        let zones = scenario.zones
        zoneCapacity = zones.map(\.capacity)
        zoneInitialBikes = zones.map(\.bikes)
        zoneRedirects = zones.map { $0.overflow == .redirect }
        zoneCoordinate = zones.map(\.coordinate)
        holdingCapacity = scenario.holdingAreas.map(\.capacity)
        holdingInitialBikes = scenario.holdingAreas.map(\.bikes)

        var index: [String: Int] = [:]
        for (i, z) in zones.enumerated() { index[z.id] = i }
        let d = scenario.demand
        let ride = d.ride
        var profileIndex: [String: Int] = [:]
        var profiles: [QuarterHourProfile] = []
        for (name, weights) in BuiltInProfiles.all + d.profiles {
            profileIndex[name] = profiles.count
            profiles.append(QuarterHourProfile(weights: weights))
        }
        let metresPerSecond = ride.speedKmh / 3.6
        let flows = d.flows.map { f -> (Int, Int, Double, Int, Double) in
            let o = index[f.from]!, t = index[f.to]!
            let mean: Double
            if let minutes = f.minutes {
                mean = minutes * 60
            } else {
                let metres = o == t ? 0 : zones[o].coordinate!.distanceMeters(to: zones[t].coordinate!)
                mean = max(metres * ride.detour / metresPerSecond, ride.minMinutes * 60)
            }
            return (o, t, f.tripsPerDay * d.scale, profileIndex[f.profile]!, mean)
        }
        demand = CompiledDemand(flows: flows.map { ($0.0, $0.1, $0.2, $0.3, $0.4) }, profiles: profiles, cv: ride.cv)
        redirectSecondsPerMeter = ride.detour / metresPerSecond

        var start: [Int32] = [0]
        var neighbours: [Int32] = []
        if d.walkMeters > 0 {
            for z in zones.indices {
                if let c = zones[z].coordinate {
                    var near: [(Double, Int)] = []
                    for y in zones.indices where y != z {
                        if let cy = zones[y].coordinate {
                            let m = c.distanceMeters(to: cy)
                            if m <= d.walkMeters { near.append((m, y)) }
                        }
                    }
                    near.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
                    neighbours.append(contentsOf: near.map { Int32($0.1) })
                }
                start.append(Int32(neighbours.count))
            }
        } else {
            start = [Int32](repeating: 0, count: zones.count + 1)
        }
        walkStart = start
        walkNeighbours = neighbours
    }

    /// The nearest zone other than `z` with a free space (bikes below capacity), by great-circle
    /// distance (ties: the zone listed first), and its distance; nil when there is none.
    /// - Complexity: O(zones); used only on failed returns.
    func nearestZoneWithSpace(from z: Int, bikes: [Int]) -> (zone: Int, meters: Double)? {
        guard let c = zoneCoordinate[z] else { return nil }
        var best: (Int, Double)?
        for y in 0..<zoneCount where y != z && bikes[y] < zoneCapacity[y] {
            guard let cy = zoneCoordinate[y] else { continue }
            let m = c.distanceMeters(to: cy)
            if best == nil || m < best!.1 { best = (y, m) }
        }
        return best
    }
}
