import TideSimCore
import TideSimBuffers
/// One operator of a city's shared bikes (DESIGN.md section 2b): its share of the riders and of
/// each zone's bikes, its fleet permit, its own trucks and the policy they follow.
public struct Operator: Sendable, Equatable {
    public var id: String
    public var name: String
    /// Its share of the riders' preferences and of each zone's initial bikes (shares sum to 1).
    public var share: Double
    /// Its fleet permit: at the start of the day it fields at most this many bikes
    /// (docs/operators.md: bikes the scenario places above it are not deployed).
    public var quota: Int
    /// Its own trucks (none when empty), moving only its bikes.
    public var fleets: [TruckFleet]
    /// Whether `trucks` was written as an array of fleets (kept when the scenario is written back).
    public var fleetsListed: Bool
    /// The built-in policy its trucks follow; nil: the scenario's `policy.name`.
    public var policy: String?

    public init(id: String, name: String, share: Double, quota: Int, fleets: [TruckFleet] = [], fleetsListed: Bool = false,
                policy: String? = nil) {
        self.id = id
        self.name = name
        self.share = share
        self.quota = quota
        self.fleets = fleets
        self.fleetsListed = fleetsListed
        self.policy = policy
    }

    /// Trucks in all its fleets.
    public var truckCount: Int { fleets.reduce(0) { $0 + $1.count } }
}

/// A zone's bikes of one operator, when the zone states them (`"bikesByOperator"`).
public struct OperatorBikes: Sendable, Equatable {
    public var operatorID: String
    public var bikes: Int

    public init(operatorID: String, bikes: Int) {
        self.operatorID = operatorID
        self.bikes = bikes
    }
}

extension Scenario {
    /// The bikes each operator places in each zone and holding area (before quotas): a zone's
    /// `bikesByOperator` when given, else its bikes split by share (largest remainder); holding
    /// areas' bikes are split by share. `[operator][site]`, zones first. Empty without operators.
    public func placedBikes() -> (zones: [[Int]], holding: [[Int]]) {
        guard !operators.isEmpty else { return ([], []) }
        let shares = operators.map(\.share)
        var zoneCounts = operators.map { _ in [Int](repeating: 0, count: zones.count) }
        for (z, zone) in zones.enumerated() {
            if let given = zone.bikesByOperator {
                for (o, op) in operators.enumerated() { zoneCounts[o][z] = given.first { $0.operatorID == op.id }?.bikes ?? 0 }
            } else if zone.bikes > 0 {
                let split = FleetRescaling.largestRemainder(total: zone.bikes, weights: shares)
                for o in operators.indices { zoneCounts[o][z] = split[o] }
            }
        }
        var holdingCounts = operators.map { _ in [Int](repeating: 0, count: holdingAreas.count) }
        for (h, area) in holdingAreas.enumerated() where area.bikes > 0 {
            let split = FleetRescaling.largestRemainder(total: area.bikes, weights: shares)
            for o in operators.indices { holdingCounts[o][h] = split[o] }
        }
        return (zoneCounts, holdingCounts)
    }

    /// The bikes in the run: ``fleet``, less what operators place above their quotas.
    public var deployedFleet: Int {
        guard !operators.isEmpty else { return fleet }
        let d = deployedBikes()
        return d.zones.reduce(0) { $0 + $1.reduce(0, +) } + d.holding.reduce(0) { $0 + $1.reduce(0, +) }
    }

    /// Each operator's bikes per site once its quota binds: an operator placing more than its
    /// quota keeps `quota` of them, cut in proportion over its sites (largest remainder, zones
    /// first). `[operator][site]`. Empty without operators.
    public func deployedBikes() -> (zones: [[Int]], holding: [[Int]]) {
        var (zoneCounts, holdingCounts) = placedBikes()
        for o in operators.indices {
            let placed = zoneCounts[o].reduce(0, +) + holdingCounts[o].reduce(0, +)
            guard placed > operators[o].quota else { continue }
            let cut = FleetRescaling.largestRemainder(total: operators[o].quota, weights: (zoneCounts[o] + holdingCounts[o]).map(Double.init))
            zoneCounts[o] = Array(cut[..<zones.count])
            holdingCounts[o] = Array(cut[zones.count...])
        }
        return (zoneCounts, holdingCounts)
    }
}
