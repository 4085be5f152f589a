/// The JSON document of `tidesim run --json` (DESIGN.md section 5).
public enum ReportJSON {
    /// `{"mean", "sd", "ci95"}`, with null for undefined values.
    public static func summary(_ s: Summary) -> JSONValue {
        .object([("mean", number(s.mean)), ("sd", number(s.sd)), ("ci95", number(s.ci95))])
    }

    static func number(_ x: Double?) -> JSONValue { x.map { .number($0) } ?? .null }

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
            ("system", .object(system)),
            ("zones", .array(zones)),
            ("holdingAreas", .array(holding)),
        ])
    }
}
