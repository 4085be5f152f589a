import TideSimCore
import TideSimBuffers
/// What drawing an attempt needs to know about one flow, packed into 32 bytes (two to a cache
/// line): the alias table's entry and the flow it draws.
struct FlowEntry: Sendable {
    /// The alias table's acceptance probability and alias (a local index in the group).
    let probability: Double
    let alias: Int32
    let flow: Int32
    let origin: Int32
    let destination: Int32
    /// The ride time's lognormal `mu`, or its constant mean when ``CompiledDemand/rideSigma`` is 0.
    let rideParameter: Double
}

/// Demand compiled for sampling: every flow's rate in each quarter hour, grouped by profile.
///
/// Within one profile group every flow has the same time shape, so a flow's share of its group's
/// attempts is constant over the day: one alias table per group over its flows (a sparse list of
/// origin-destination pairs, never a dense zone-by-zone matrix) and, per quarter hour, one small
/// alias table over the groups. An attempt then costs O(1) however many zones and flows there are.
public struct CompiledDemand: Sendable {
    /// Seconds per slot of the common grid (a quarter hour).
    public static let slotSeconds = 900.0
    /// Slots per day.
    public static let slotsPerDay = 96

    /// Origin zone of each flow.
    public let flowOrigin: [Int32]
    /// Destination zone of each flow.
    public let flowDestination: [Int32]
    /// Ride time distribution of each flow, in seconds.
    public let flowRide: [LognormalByMean]
    /// Expected attempts per day of each flow, after `demand.scale`.
    public let flowTripsPerDay: [Double]

    /// Where each profile group's flows begin in ``entries`` (one more value than groups).
    let groupFlowStart: [Int32]
    /// Everything one draw needs about a flow, in group-flat order (entry `groupFlowStart[g] + i`
    /// is local index i of group g's alias table): one cache line per draw, not six arrays.
    let entries: [FlowEntry]
    /// The lognormal `sigma` of every flow's ride time (one cv for all), 0 for constant rides: so
    /// whether a draw takes a normal variate does not depend on the flow.
    let rideSigma: Double
    /// Total attempt rate (per second) in each slot of the day.
    public let slotRate: [Double]
    /// Per slot, the alias table over groups (a single zero-weight-free table for slots whose
    /// rate is 0, never drawn from).
    let slotGroupTables: AliasTableSet
    /// Rate (per second) of each group in each slot: `groupSlotRate[g][s]`.
    let groupSlotRate: [[Double]]
    /// Group of each flow.
    let flowGroup: [Int32]

    /// Expected attempts per day over all flows.
    public var expectedAttemptsPerDay: Double { slotRate.reduce(0, +) * CompiledDemand.slotSeconds }

    /// Builds the tables.
    /// - Parameters:
    ///   - flows: (origin, destination, trips per day after scaling, profile index, mean ride seconds).
    ///   - profiles: Quarter-hour profiles, indexed by the flows' profile index.
    ///   - cv: Coefficient of variation of ride times.
    public init(flows: [(origin: Int, destination: Int, tripsPerDay: Double, profile: Int, meanSeconds: Double)],
                profiles: [QuarterHourProfile], cv: Double) {
        flowOrigin = flows.map { Int32($0.origin) }
        flowDestination = flows.map { Int32($0.destination) }
        flowRide = flows.map { LognormalByMean(mean: $0.meanSeconds, cv: cv) }
        flowTripsPerDay = flows.map(\.tripsPerDay)

        // Groups: profiles that carry positive demand, in profile order.
        var groupOfProfile = [Int](repeating: -1, count: profiles.count)
        var members: [[Int32]] = []
        var weights: [[Double]] = []
        var profileOfGroup: [Int] = []
        var flowGroup = [Int32](repeating: -1, count: flows.count)
        for (i, f) in flows.enumerated() where f.tripsPerDay > 0 {
            if groupOfProfile[f.profile] < 0 {
                groupOfProfile[f.profile] = members.count
                members.append([]); weights.append([]); profileOfGroup.append(f.profile)
            }
            let g = groupOfProfile[f.profile]
            members[g].append(Int32(i)); weights[g].append(f.tripsPerDay)
            flowGroup[i] = Int32(g)
        }
        self.flowGroup = flowGroup
        let flatGroupFlows = members.flatMap { $0 }
        var starts: [Int32] = [0]
        for m in members { starts.append(starts.last! + Int32(m.count)) }
        groupFlowStart = starts
        let flowTables = AliasTableSet(weights.map { AliasTable(weights: $0) })
        let rides = flowRide
        rideSigma = LognormalByMean(mean: 1, cv: cv).sigma
        entries = flatGroupFlows.enumerated().map { k, f in
            let i = Int(f)
            return FlowEntry(probability: flowTables.probability[k], alias: flowTables.alias[k], flow: f,
                             origin: Int32(flows[i].origin), destination: Int32(flows[i].destination),
                             rideParameter: rides[i].sigma == 0 ? rides[i].mean : rides[i].mu)
        }
        let groupTotals = weights.map { $0.reduce(0, +) }
        let rates = profileOfGroup.enumerated().map { g, p in
            profiles[p].fractions.map { groupTotals[g] * $0 / CompiledDemand.slotSeconds }
        }
        groupSlotRate = rates
        var slotRate: [Double] = []
        var tables: [AliasTable] = []
        for s in 0..<CompiledDemand.slotsPerDay {
            let w = rates.map { $0[s] }
            let total = w.reduce(0, +)
            slotRate.append(total)
            tables.append(total > 0 ? AliasTable(weights: w) : AliasTable(weights: [1]))
        }
        self.slotRate = slotRate
        slotGroupTables = AliasTableSet(tables)
    }
}
