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

    /// The day's cost of the levers (present only when the scenario states costs, so documents
    /// of scenarios without them are as before).
    public static func costs(_ d: Costs.Day) -> JSONValue {
        .object([("currency", .string(d.currency)), ("perDay", .number(d.total)), ("trucks", .number(Double(d.trucks))),
                 ("truckCost", .number(d.truckCost)), ("holdingAreas", .number(Double(d.holdingAreas))),
                 ("holdingAreaCost", .number(d.holdingAreaCost)), ("bikes", .number(Double(d.bikes))), ("bikeCost", .number(d.bikeCost))])
    }

    /// The whole document for a run.
    public static func document(_ report: RunReport) -> JSONValue {
        let m = report.model
        let system: [(key: String, value: JSONValue)] = SystemKPI.allCases.map { ($0.key, summary(report[$0])) }
        let zones: [JSONValue] = (0..<m.zoneCount).map { z in
            var members: [(key: String, value: JSONValue)] = [
                ("id", .string(m.zoneID[z])), ("name", .string(m.zoneName[z])), ("kind", .string(m.zoneKind[z])),
                ("capacity", .number(Double(m.zoneCapacity[z]))),
            ]
            members += ZoneKPI.allCases.map { ($0.key, summary(report.zones[z][$0.rawValue])) }
            members += ZoneClock.allCases.map { ($0.key, report.clock(zone: z, $0).map { .string($0) } ?? .null) }
            return .object(members)
        }
        let holding: [JSONValue] = (0..<m.holdingCount).map { h in
            var members: [(key: String, value: JSONValue)] = [
                ("id", .string(m.holdingID[h])), ("name", .string(m.holdingName[h])), ("capacity", .number(Double(m.holdingCapacity[h]))),
            ]
            members += HoldingKPI.allCases.map { ($0.key, summary(report.holdingAreas[h][$0.rawValue])) }
            return .object(members)
        }
        return .object([
            ("tidesim", .string(TideSimVersion.string)),
            ("scenario", .string(m.name)),
            ("scenarioFile", .string(report.provenance.scenarioFile)),
            ("policy", .string(report.policy)),
            ("seed", .integer(report.seed)),
            ("replications", .number(Double(report.replications.count))),
            ("whatIfs", .array(report.provenance.whatIfs.map { .string($0) })),
            ("days", .number(Double(m.days))),
            ("warmupDays", .number(Double(m.warmupDays))),
            ("fleetCap", m.fleetCap.map { .number(Double($0)) } ?? .null),
        ] + (m.costPerDay.map { [("costs", costs($0))] } ?? []) + [
            ("system", .object(system)),
            ("zones", .array(zones)),
            ("holdingAreas", .array(holding)),
        ])
    }

    /// The `--json` document as text, written as it is made: exactly `JSONWriter.render(document(report))`
    /// without the tree (a test checks they agree), which for a city of 25,000 zones is a million
    /// small values to build, walk and free.
    public static func render(_ report: RunReport) -> String {
        let m = report.model
        var w = JSONWriter()
        // The keys written in every zone and holding area, quoted once.
        let zoneKPIKeys = ZoneKPI.allCases.map { JSONWriter.Key($0.key) }, clockKeys = ZoneClock.allCases.map { JSONWriter.Key($0.key) }
        let holdingKPIKeys = HoldingKPI.allCases.map { JSONWriter.Key($0.key) }
        let id = JSONWriter.Key("id"), name = JSONWriter.Key("name"), kind = JSONWriter.Key("kind"), capacity = JSONWriter.Key("capacity")
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
        w.endObject()
        return w.finish()
    }

    /// ``summary(_:)`` written into a streamed document.
    static func summary(_ s: Summary, into w: inout JSONWriter) {
        w.beginObject()
        w.key(summaryKeys.mean); w.value(number(s.mean))
        w.key(summaryKeys.sd); w.value(number(s.sd))
        w.key(summaryKeys.ci95); w.value(number(s.ci95))
        w.endObject()
    }

    private static let summaryKeys = (mean: JSONWriter.Key("mean"), sd: JSONWriter.Key("sd"), ci95: JSONWriter.Key("ci95"))
}
