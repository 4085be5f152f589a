import TideSimModel
import TideSimCore

/// The description of a scenario `tidesim validate` prints.
public enum ScenarioText {
    /// The profiles used, the first few by name (a calibrated city has hundreds).
    static func profileList(_ names: [String]) -> String {
        if names.isEmpty { return "none; add demand with tidesim calibrate" }
        if names.count <= 8 { return names.joined(separator: ", ") }
        return names.prefix(6).joined(separator: ", ") + " and \(NumberFormat.number(Double(names.count - 6))) more"
    }

    /// What `tidesim validate` prints: the file is valid, and what it holds.
    public static func render(_ s: Scenario, file: String) -> String {
        let sum = ScenarioSummary(s)
        let n = { (x: Int) in NumberFormat.number(Double(x)) }
        var t = TextTable(header: ["", ""], leftAligned: [0, 1])
        t.add(["name", s.name])
        let capped = s.zones.filter { !$0.capacityWindows.isEmpty }.count
        t.add(["zones", "\(n(sum.zones)) (parking capacity \(n(sum.zoneCapacity)); \(n(sum.zonesWithCoordinates)) with coordinates; \(n(sum.dockedZones)) docked"
               + (capped > 0 ? "; \(n(capped)) with rush-hour caps)" : ")")])
        t.add(["holding areas", "\(n(sum.holdingAreas)) (capacity \(n(sum.holdingCapacity)); \(n(sum.holdingBikes)) bikes at the start)"])
        let scale = s.demand.scale == 1 ? "" : " after scale \(NumberFormat.number(s.demand.scale, decimals: 2))"
        t.add(["flows", "\(n(sum.flows)) (\(NumberFormat.number(sum.tripsPerDay)) trip attempts per day\(scale); profiles \(profileList(sum.profilesUsed)))"])
        var fleet = "\(n(s.deployedFleet)) bikes"
        if let cap = s.fleetCap {
            fleet += " against a cap of \(n(cap))" + (cap > 0 ? " (\(NumberFormat.percent(Double(s.deployedFleet) / Double(cap))))" : "")
        }
        t.add(["fleet", fleet])
        t.add(["days", "\(s.days) (\(s.warmupDays) warm-up), samples every \(s.sampleMinutes) min, seed \(s.seed)"])
        let placed = s.placedBikes(), deployed = s.deployedBikes()
        for (o, op) in s.operators.enumerated() {
            let has = placed.zones[o].reduce(0, +) + placed.holding[o].reduce(0, +)
            let fields = deployed.zones[o].reduce(0, +) + deployed.holding[o].reduce(0, +)
            let over = has > op.quota ? ", \(n(has - op.quota)) placed over its quota not deployed" : ""
            let trucks = op.truckCount > 0 ? "\(ReportWords(.en).count(op.truckCount, "truck", "trucks")), policy \(op.policy ?? s.policy.name)" : "no trucks"
            t.add(["operator \(op.id)", "\(op.name): share \(NumberFormat.percent(op.share)), quota \(n(op.quota)), fleet \(n(fields))\(over); \(trucks)"])
        }
        if !s.operators.isEmpty {
            let quotas = s.operators.reduce(0) { $0 + $1.quota }
            t.add(["quotas", "\(n(quotas)) bikes in all" + (s.fleetCap.map { " against the cap of \(n($0))" } ?? "")
                   + "; riders switch operator with probability \(NumberFormat.number(s.demand.switchOperator, decimals: 2))"])
        }
        let owned = s.operators.isEmpty ? s.fleets.map { ($0, "") } : s.operators.flatMap { op in op.fleets.map { ($0, op.id + " ") } }
        for (trucks, owner) in owned {
            let shifts = trucks.shifts.isEmpty ? "all day" : trucks.shifts.map(\.description).joined(separator: ", ")
            let territory = trucks.serves.map { ", serves \(n($0.count)) zone\($0.count == 1 ? "" : "s")" } ?? ""
            let limit = trucks.maxOrderKm.map { ", orders up to \(NumberFormat.number($0)) km" } ?? ""
            t.add([owner.isEmpty && trucks.id == nil ? "trucks" : "trucks " + owner + (trucks.id ?? ""),
                   "\(trucks.count) × \(trucks.capacity) bikes at \(NumberFormat.number(trucks.speedKmh)) km/h, depot \(trucks.depot), shifts \(shifts)\(territory)\(limit)"])
        }
        if s.allFleets.isEmpty { t.add(["trucks", "none"]) }
        let p = s.policy
        t.add(["policy", "\(p.name) (high \(NumberFormat.number(p.high, decimals: 2)), target \(NumberFormat.number(p.target, decimals: 2)), low \(NumberFormat.number(p.low, decimals: 2)); \(p.zones.count) zone override\(p.zones.count == 1 ? "" : "s"))"])
        if let day = s.costPerDay {
            let c = ReportWords(.en).count
            t.add(["costs", "\(NumberFormat.number(day.total, decimals: 2)) \(day.currency) a day for the levers (\(c(day.trucks, "truck", "trucks")), \(c(day.holdingAreas, "holding area", "holding areas")), \(c(day.bikes, "bike", "bikes")))"])
        }
        let release = formatClock(s.releaseFrom)
        t.add(["rules", "held bikes go back out first from \(release); a zone over capacity must be cleared within \(NumberFormat.number(p.clearanceMinutes)) min"])
        let body = t.render().split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n")
        return "\(file): valid\n" + body
    }

    /// The warning when `--fleet` leaves zones above their capacity before the day starts: how
    /// many, by how much, and the worst; nil when none is.
    public static func overCapacityWarning(_ scenario: Scenario, fleet: String) -> String? {
        let over = scenario.zonesStartingOverCapacity
        guard let worst = over.max(by: { $0.excess < $1.excess }) else { return nil }
        let total = over.reduce(0) { $0 + $1.excess }
        return "warning: --fleet \(fleet): \(over.count) of \(scenario.zones.count) zones start the day above their capacity, "
            + "\(total) bikes over in all (most: \(scenario.zones[worst.zone].id), \(worst.excess) over a capacity of "
            + "\(scenario.zones[worst.zone].capacity))"
    }
}
