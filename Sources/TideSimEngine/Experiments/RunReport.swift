import TideSimModel
import TideSimCore
import TideSimBuffers
/// The outcome of `tidesim run`: every replication, and their summaries.
public struct RunReport: Sendable {
    public let model: Model
    /// Name of the policy the run used.
    public let policy: String
    public let seed: UInt64
    public let replications: [ReplicationResult]
    /// What produced the run (set by the caller that knows the file and the what-ifs).
    public var provenance: Provenance
    /// The replications' time series added up, when they were streamed (``TimeSeriesStream``)
    /// instead of held in ``ReplicationResult/timeSeries``; the charts of the HTML report draw
    /// their means.
    public var timeSeriesTotals: TimeSeriesTotals?
    /// The best any dispatch could do on the same riders (`--bound`), when asked for.
    public var bound: BoundReport?

    /// Summary of each system KPI across replications, indexed by ``SystemKPI/rawValue``.
    public let system: [Summary]
    /// Summary of each zone metric, indexed by zone then ``ZoneKPI/rawValue``.
    public let zones: [[Summary]]
    /// Each zone's clock times (``ZoneClock``), the lower median over the replications that
    /// define them, in seconds from midnight of day 1.
    public let zoneClocks: [[Double?]]
    /// Summary of each holding-area metric.
    public let holdingAreas: [[Summary]]
    /// With operators: summary of each operator's KPIs, indexed by operator then
    /// ``OperatorKPI/rawValue``; empty without operators.
    public let operators: [[Summary]]
    /// With operators: each zone's bike-hours above each operator's fair share, the mean over the
    /// replications, `[zone * operators + operator]`; empty without operators.
    public let zoneOperatorOverflow: [Double]
    /// With operators: each operator's bikes in each zone at the zone's peak, the mean over the
    /// replications, `[zone * operators + operator]`; empty without operators.
    public let zoneOperatorPeakBikes: [Double]
    /// With inspections: summary of each inspection KPI (``InspectionKPI/rawValue``), and each
    /// zone's mean visits and work orders per replication; empty without inspections.
    public let inspection: [Summary]
    public let zoneVisits: [Double], zoneOrders: [Double]
    /// With inspections: per hour of the day, the mean visits, visits that found the zone over
    /// capacity, and orders per replication; empty without inspections.
    public let hourVisits: [Double], hourFoundOver: [Double], hourOrders: [Double]

    /// Summarises replications of a model.
    public init(model: Model, policy: String, seed: UInt64, replications: [ReplicationResult]) {
        self.model = model
        self.policy = policy
        self.seed = seed
        self.replications = replications
        provenance = Provenance(scenarioFile: model.name, scenarioName: model.name, seed: seed, policies: [policy],
                                replications: replications.count, whatIfs: [])
        system = SystemKPI.allCases.map { k in Summary(count: replications.count) { replications[$0].system[k.rawValue] } }
        zones = (0..<model.zoneCount).map { z in
            ZoneKPI.allCases.map { k in Summary(count: replications.count) { replications[$0].zones[z][k.rawValue] } }
        }
        zoneClocks = (0..<model.zoneCount).map { z in
            ZoneClock.allCases.map { c in
                let times = replications.compactMap { $0.zoneClocks[z][c.rawValue] }.sorted()
                return times.isEmpty ? nil : times[(times.count - 1) / 2]
            }
        }
        holdingAreas = (0..<model.holdingCount).map { h in
            HoldingKPI.allCases.map { k in Summary(count: replications.count) { replications[$0].holdingAreas[h][k.rawValue] } }
        }
        operators = model.operators.indices.map { o in
            OperatorKPI.allCases.map { k in Summary(count: replications.count) { replications[$0].operators[o][k.rawValue] } }
        }
        let cells = model.operators.isEmpty ? 0 : model.zoneCount * model.operators.count
        zoneOperatorOverflow = (0..<cells).map { i in
            replications.reduce(0) { $0 + $1.zoneOperatorOverflow[i] } / Double(replications.count)
        }
        let inspected = model.inspections != nil
        inspection = inspected ? InspectionKPI.allCases.map { k in Summary(count: replications.count) { replications[$0].inspection[k.rawValue] } } : []
        zoneVisits = inspected ? (0..<model.zoneCount).map { z in replications.reduce(0) { $0 + Double($1.zoneVisits[z]) } / Double(replications.count) } : []
        zoneOrders = inspected ? (0..<model.zoneCount).map { z in replications.reduce(0) { $0 + Double($1.zoneOrders[z]) } / Double(replications.count) } : []
        func hourly(_ pick: (InspectionHours) -> [Int]) -> [Double] {
            guard inspected else { return [] }
            return (0..<24).map { h in replications.reduce(0) { $0 + Double(pick($1.inspectionHours!)[h]) } / Double(replications.count) }
        }
        hourVisits = hourly(\.visits)
        hourFoundOver = hourly(\.foundOver)
        hourOrders = hourly(\.orders)
        zoneOperatorPeakBikes = (0..<cells).map { i in
            replications.reduce(0) { $0 + Double($1.zoneOperatorPeakBikes[i]) } / Double(replications.count)
        }
    }

    /// The policy of each operator's trucks in this run: each one's own when the run used the
    /// scenario's policies, else the run's policy for all.
    public var operatorPolicies: [String] {
        policy == model.policyLabel ? model.policyNames() : model.policyNames(overriddenBy: policy)
    }

    /// The zones where operator o was above its fair share while they were over capacity, most
    /// bike-hours first (ties: file order).
    public func zonesAboveFairShare(operator o: Int) -> [Int] {
        (0..<model.zoneCount).filter { overflow(zone: $0, operator: o) > 0 }
            .sorted { a, b in overflow(zone: a, operator: o) != overflow(zone: b, operator: o) ? overflow(zone: a, operator: o) > overflow(zone: b, operator: o) : a < b }
    }

    /// The zones inspectors visited, most work orders first, then most visits, then file order.
    public func inspectedZones() -> [Int] {
        (0..<zoneVisits.count).filter { zoneVisits[$0] > 0 }.sorted { a, b in
            if zoneOrders[a] != zoneOrders[b] { return zoneOrders[a] > zoneOrders[b] }
            if zoneVisits[a] != zoneVisits[b] { return zoneVisits[a] > zoneVisits[b] }
            return a < b
        }
    }

    /// An inspection KPI's summary.
    public subscript(inspection k: InspectionKPI) -> Summary { inspection[k.rawValue] }
    /// An operator's KPI summary.
    public subscript(operator o: Int, kpi: OperatorKPI) -> Summary { operators[o][kpi.rawValue] }

    /// Mean bike-hours above operator o's fair share in zone z, while the zone was over capacity.
    public func overflow(zone z: Int, operator o: Int) -> Double { zoneOperatorOverflow[z * model.operators.count + o] }

    /// A system KPI's summary.
    public subscript(kpi: SystemKPI) -> Summary { system[kpi.rawValue] }
    /// A zone metric's summary.
    public subscript(zone z: Int, kpi: ZoneKPI) -> Summary { zones[z][kpi.rawValue] }
    /// A zone's clock time as the reports show it (`"HH:MM"`, or `"day N HH:MM"` in a longer run).
    public func clock(zone z: Int, _ c: ZoneClock) -> String? {
        zoneClocks[z][c.rawValue].map { formatRunTime($0, days: model.days) }
    }

    /// Zone indices ranked as a hotspot table: by mean overflow bike-hours, then minutes over
    /// capacity, then failed returns (the pressure of a full docked station), then lost rentals
    /// (all descending), then file order.
    public func hotspotRanking() -> [Int] {
        func key(_ z: Int, _ k: ZoneKPI) -> Double { zones[z][k.rawValue].mean ?? 0 }
        // Where every zone is docked nothing piles: what hurts is a full or an empty station.
        let dockedOnly = !model.zoneRedirects.isEmpty && !model.zoneRedirects.contains(false)
        let keys: [ZoneKPI] = dockedOnly ? [.failedReturns, .lostRentals, .emptyMinutes]
            : [.overflowBikeHours, .minutesOverCapacity, .failedReturns, .lostRentals]
        return (0..<model.zoneCount).sorted { a, b in
            for k in keys where key(a, k) != key(b, k) {
                return key(a, k) > key(b, k)
            }
            return a < b
        }
    }
}
