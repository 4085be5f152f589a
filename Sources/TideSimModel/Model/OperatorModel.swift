import TideSimCore
import TideSimBuffers
/// One operator compiled for the engine (DESIGN.md section 2b): its bikes at the start, its
/// trucks among the city's, and the city as its policy sees it.
public struct OperatorModel: Sendable {
    public let id: String, name: String
    /// Its share of the riders' preferences and of each zone's capacity (its fair share).
    public let share: Double
    /// Its fleet permit.
    public let quota: Int
    /// Bikes the scenario places for it, before its quota binds.
    public let placed: Int
    /// Its bikes in each zone and holding area at the start (after its quota binds).
    public let zoneInitialBikes: [Int], holdingInitialBikes: [Int]
    /// Its fleets, as indices into the city model's ``Model/trucks``, and its trucks' indices there.
    public let fleets: Range<Int>, trucks: Range<Int>
    /// The policy its trucks follow by default (its own, else the scenario's).
    public let policyName: String
    /// The city as its policy sees it: each zone's capacity is its fair share (`share × cap`,
    /// rounded down, rush-hour caps too), the demand forecast is its share of the riders, the
    /// trucks are its own; holding areas are the city's. Its bikes and rides come from the engine;
    /// its ``Model/demand`` is the city's (the engine draws the riders from the city's model).
    public let view: Model

    /// Bikes it fields at the start.
    public var fleet: Int { zoneInitialBikes.reduce(0, +) + holdingInitialBikes.reduce(0, +) }

    init(id: String, name: String, share: Double, quota: Int, placed: Int, zoneInitialBikes: [Int], holdingInitialBikes: [Int],
         fleets: Range<Int>, trucks: Range<Int>, policyName: String, view: Model) {
        self.id = id
        self.name = name
        self.share = share
        self.quota = quota
        self.placed = placed
        self.zoneInitialBikes = zoneInitialBikes
        self.holdingInitialBikes = holdingInitialBikes
        self.fleets = fleets
        self.trucks = trucks
        self.policyName = policyName
        self.view = view
    }
}

extension Scenario {
    /// The scenario as operator `o`'s policy sees the city (see ``OperatorModel/view``), given
    /// its bikes per zone and holding area.
    func operatorView(_ o: Int, zoneBikes: [Int], holdingBikes: [Int]) -> Scenario {
        let op = operators[o]
        var s = self
        s.operators = []
        func fair(_ cap: Int) -> Int { Int((op.share * Double(cap)).rounded(.down)) }
        for z in s.zones.indices {
            s.zones[z].capacity = fair(zones[z].capacity)
            for w in s.zones[z].capacityWindows.indices { s.zones[z].capacityWindows[w].capacity = fair(zones[z].capacityWindows[w].capacity) }
            s.zones[z].bikes = zoneBikes[z]
            s.zones[z].bikesByOperator = nil
        }
        for h in s.holdingAreas.indices { s.holdingAreas[h].bikes = holdingBikes[h] }
        s.fleets = op.fleets
        s.fleetsListed = op.fleetsListed
        s.policy.name = op.policy ?? policy.name
        return s
    }
}

extension Model {
    /// The policy of each operator's trucks, in operator order (one name without operators):
    /// `name` for all, or, when nil, each operator's own (the scenario's `policy.name` by default).
    public func policyNames(overriddenBy name: String? = nil) -> [String] {
        operators.isEmpty ? [name ?? policy.name] : operators.map { name ?? $0.policyName }
    }

    /// The scenario's policy as reports name it: `policy.name`, or with operators whose trucks
    /// follow different policies, each operator's (`"hb: clearance, mt: threshold"`).
    public var policyLabel: String {
        let names = policyNames()
        // Only operators with trucks have a policy that acts.
        let acting = zip(operators, names).filter { !$0.0.trucks.isEmpty }
        if acting.isEmpty || Set(acting.map(\.1)).count == 1 { return acting.first?.1 ?? policy.name }
        return acting.map { "\($0.id): \($1)" }.joined(separator: ", ")
    }

    /// The sum of the operators' quotas (nil without operators).
    public var quotaTotal: Int? { operators.isEmpty ? nil : operators.reduce(0) { $0 + $1.quota } }
}
