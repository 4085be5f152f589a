import TideSimEngine
import TideSimModel
import TideSimCore
import TideSimBuffers
/// The JSON document of `tidesim run --json` (docs/cli.md, "JSON documents").
public enum ReportJSON {
    /// `{"mean", "sd", "ci95"}`, with null for undefined values.
    public static func summary(_ s: Summary) -> JSONValue {
        .object([("mean", number(s.mean)), ("sd", number(s.sd)), ("ci95", number(s.ci95))])
    }

    static func number(_ x: Double?) -> JSONValue { x.map { .number($0) } ?? .null }

    /// Paired differences of the system KPIs: `{kpi: {"meanDifference", "sd", "ci95"}}`.
    static func differences(_ paired: [Summary]) -> JSONValue {
        .object(SystemKPI.allCases.map { k in
            let s = paired[k.rawValue]
            return (k.key, .object([("meanDifference", number(s.mean)), ("sd", number(s.sd)), ("ci95", number(s.ci95))]))
        })
    }

    /// The day's cost of the levers (present only when the scenario states costs, so documents
    /// of scenarios without them are as before).
    public static func costs(_ d: Costs.Day) -> JSONValue {
        .object([("currency", .string(d.currency)), ("perDay", .number(d.total)), ("trucks", .number(Double(d.trucks))),
                 ("truckCost", .number(d.truckCost)), ("holdingAreas", .number(Double(d.holdingAreas))),
                 ("holdingAreaCost", .number(d.holdingAreaCost)), ("bikes", .number(Double(d.bikes))), ("bikeCost", .number(d.bikeCost))])
    }

    /// The `--json` document as text, written as it is made, never built as a tree of values
    /// (which for a city of 25,000 zones is a million small values to build, walk and free).
    public static func render(_ report: RunReport) -> String {
        let m = report.model
        var w = JSONWriter()
        w.beginObject()
        w.member("tidesim", TideSimVersion.string)
        w.member("scenario", m.name)
        w.member("scenarioFile", report.provenance.scenarioFile)
        w.member("policy", report.policy)
        w.member("seed", .integer(report.seed))
        w.member("replications", Double(report.replications.count))
        w.member("whatIfs", .array(report.provenance.whatIfs.map { .string($0) }))
        w.member("days", Double(m.days))
        w.member("warmupDays", Double(m.warmupDays))
        w.member("fleetCap", m.fleetCap.map { .number(Double($0)) } ?? .null)
        if let day = m.costPerDay { w.member("costs", costs(day)) }
        writeResults(report, into: &w)
        if !m.operators.isEmpty { writeOperators(report, into: &w) }
        if m.inspections != nil { writeInspections(report, into: &w) }
        if let bound = report.bound { BoundExport.write(bound, runs: [report], into: &w) }
        w.endObject()
        return w.finish()
    }

    /// Writes a run's results into an open object: the members `system`, `zones` (each zone's
    /// KPIs and clocks) and `holdingAreas`. The run and comparison documents share them.
    static func writeResults(_ report: RunReport, into w: inout JSONWriter) {
        let m = report.model
        // The keys written in every zone and holding area, quoted once.
        let zoneKPIKeys = ZoneKPI.allCases.map { JSONWriter.Key($0.key) }, clockKeys = ZoneClock.allCases.map { JSONWriter.Key($0.key) }
        let holdingKPIKeys = HoldingKPI.allCases.map { JSONWriter.Key($0.key) }
        let id = JSONWriter.Key("id"), name = JSONWriter.Key("name"), kind = JSONWriter.Key("kind"), capacity = JSONWriter.Key("capacity")
        w.key("system")
        w.beginObject()
        for k in SystemKPI.allCases { w.key(k.key); summary(report[k], into: &w) }
        w.endObject()
        w.key("zones")
        w.beginArray(inline: false)
        for z in 0..<m.zoneCount {
            w.element()
            w.beginObject()
            w.key(id); w.value(m.zoneID[z])
            w.key(name); w.value(m.zoneName[z])
            w.key(kind); w.value(m.zoneKind[z])
            w.key(capacity); w.value(Double(m.zoneCapacity[z]))
            for k in ZoneKPI.allCases { w.key(zoneKPIKeys[k.rawValue]); summary(report.zones[z][k.rawValue], into: &w) }
            for c in ZoneClock.allCases { w.key(clockKeys[c.rawValue]); w.value(report.clock(zone: z, c).map { .string($0) } ?? .null) }
            w.endObject()
        }
        w.endArray()
        w.key("holdingAreas")
        w.beginArray(inline: false)
        for h in 0..<m.holdingCount {
            w.element()
            w.beginObject()
            w.key(id); w.value(m.holdingID[h])
            w.key(name); w.value(m.holdingName[h])
            w.key(capacity); w.value(Double(m.holdingCapacity[h]))
            for k in HoldingKPI.allCases { w.key(holdingKPIKeys[k.rawValue]); summary(report.holdingAreas[h][k.rawValue], into: &w) }
            w.endObject()
        }
        w.endArray()
    }

    /// The member `operators` (only with operators, so documents without them are as before):
    /// each operator's id, name, share, quota, the bikes the scenario placed and its KPIs; and
    /// `zonesAboveFairShare`: the zones where it was ever above its fair share while they were
    /// over capacity, with its mean bike-hours there, most first.
    static func writeOperators(_ report: RunReport, into w: inout JSONWriter) {
        let m = report.model
        w.member("quotaTotal", Double(m.quotaTotal ?? 0))
        w.key("operators")
        w.beginArray(inline: false)
        for (o, op) in m.operators.enumerated() {
            w.element()
            w.beginObject()
            w.member("id", op.id)
            w.member("name", op.name)
            w.member("share", op.share)
            w.member("quota", Double(op.quota))
            w.member("placed", Double(op.placed))
            w.member("trucks", Double(op.trucks.count))
            w.member("policy", op.trucks.isEmpty ? PolicyKind.none.rawValue : report.operatorPolicies[o])
            for k in OperatorKPI.reported(for: m) { w.key(k.key); summary(report[operator: o, k], into: &w) }
            w.key("zonesAboveFairShare")
            w.beginArray(inline: false)
            for z in report.zonesAboveFairShare(operator: o) {
                w.element()
                w.beginObject()
                w.member("zone", m.zoneID[z])
                w.member("overflowBikeHours", report.overflow(zone: z, operator: o))
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
    }

    /// The member `inspections` (only with inspections): each inspection KPI, and `zones`: the
    /// zones visited, with their mean visits and work orders per replication, most orders first.
    static func writeInspections(_ report: RunReport, into w: inout JSONWriter) {
        let m = report.model
        w.key("inspections")
        w.beginObject()
        for k in InspectionKPI.allCases { w.key(k.key); summary(report[inspection: k], into: &w) }
        w.member("byHour", .object([("visits", .array(report.hourVisits.map { .number($0) })),
                                    ("overCapacityFound", .array(report.hourFoundOver.map { .number($0) })),
                                    ("workOrders", .array(report.hourOrders.map { .number($0) }))]))
        w.key("zones")
        w.beginArray(inline: false)
        for z in report.inspectedZones() {
            w.element()
            w.beginObject()
            w.member("zone", m.zoneID[z])
            w.member("visits", report.zoneVisits[z])
            w.member("workOrders", report.zoneOrders[z])
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }

    /// ``summary(_:)`` written into a streamed document.
    static func summary(_ s: Summary, into w: inout JSONWriter) {
        w.numberObject(summaryKeys.mean, s.mean, summaryKeys.sd, s.sd, summaryKeys.ci95, s.ci95)
    }

    private static let summaryKeys = (mean: JSONWriter.Key("mean"), sd: JSONWriter.Key("sd"), ci95: JSONWriter.Key("ci95"))
}
