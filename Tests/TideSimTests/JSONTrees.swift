import XCTest
@testable import TideSim
@testable import TideSimCore
@testable import TideSimModel
@testable import TideSimEngine
@testable import TideSimIO

// The JSON documents as trees of values: the streamed writers (`ReportJSON.render`,
// `ComparisonJSON.render`, `VariantJSON.render`) must be exactly their rendering
// (`ExportTests.testStreamedDocumentsEqualTheirTrees`), and tests read KPIs from them.

extension ReportJSON {
    /// The whole document for a run.
    static func document(_ report: RunReport) -> JSONValue {
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

}

extension ComparisonJSON {
    static func document(_ r: ComparisonReport) -> JSONValue {
        let base = r.runs[0]
        let policies: [JSONValue] = r.runs.map { run in
            guard case .object(let members) = ReportJSON.document(run) else { return .null }
            let keep = members.filter { ["system", "zones", "holdingAreas"].contains($0.key) }
            return .object([("policy", .string(run.policy))] + keep)
        }
        let paired: [JSONValue] = r.runs.dropFirst().enumerated().map { i, run in
            let system: [(key: String, value: JSONValue)] = SystemKPI.allCases.map { k in
                let s = r.paired[i][k.rawValue]
                return (k.key, .object([("meanDifference", ReportJSON.number(s.mean)), ("sd", ReportJSON.number(s.sd)),
                                        ("ci95", ReportJSON.number(s.ci95))]))
            }
            return .object([("policy", .string(run.policy)), ("versus", .string(base.policy)), ("system", .object(system))])
        }
        return .object([
            ("tidesim", .string(TideSimVersion.string)),
            ("scenario", .string(base.model.name)),
            ("scenarioFile", .string(r.provenance.scenarioFile)),
            ("seed", .integer(base.seed)),
            ("replications", .number(Double(base.replications.count))),
            ("whatIfs", .array(r.provenance.whatIfs.map { .string($0) })),
        ] + (base.model.costPerDay.map { [("costs", ReportJSON.costs($0))] } ?? []) + [
            ("policies", .array(policies)),
            ("paired", .array(paired)),
        ])
    }
}

extension VariantJSON {
    static func document(_ c: VariantComparison) -> JSONValue {
        let first = c.variants[0].comparison
        let variants: [JSONValue] = c.variants.map { v in
            guard case .object(let members) = ComparisonJSON.document(v.comparison) else { return .null }
            let keep = members.filter { ["costs", "policies", "paired"].contains($0.key) }
            return .object([("name", .string(v.name)), ("whatIfs", .array(v.whatIfs.map { .string($0) }))] + keep)
        }
        var paired: [JSONValue] = []
        for (j, v) in c.variants.dropFirst().enumerated() {
            for (p, run) in v.comparison.runs.enumerated() {
                let system: [(key: String, value: JSONValue)] = SystemKPI.allCases.map { k in
                    let s = c.paired[j][p][k.rawValue]
                    return (k.key, .object([("meanDifference", ReportJSON.number(s.mean)), ("sd", ReportJSON.number(s.sd)),
                                            ("ci95", ReportJSON.number(s.ci95))]))
                }
                paired.append(.object([("variant", .string(v.name)), ("versus", .string(c.variants[0].name)), ("policy", .string(run.policy)),
                                       ("system", .object(system))]))
            }
        }
        return .object([
            ("tidesim", .string(TideSimVersion.string)),
            ("scenario", .string(first.runs[0].model.name)),
            ("scenarioFile", .string(first.provenance.scenarioFile)),
            ("seed", .integer(first.runs[0].seed)),
            ("replications", .number(Double(first.runs[0].replications.count))),
            ("whatIfs", .array(VariantTables.provenance(c).whatIfs.map { .string($0) })),
            ("variants", .array(variants)),
            ("pairedVariants", .array(paired)),
        ])
    }
}
