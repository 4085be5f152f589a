/// The JSON document of `tidesim run --json` (DESIGN.md section 5).
public enum ReportJSON {
    /// `{"mean", "sd", "ci95"}`, with null for undefined values.
    public static func summary(_ s: Summary) -> JSONValue {
        .object([("mean", number(s.mean)), ("sd", number(s.sd)), ("ci95", number(s.ci95))])
    }

    static func number(_ x: Double?) -> JSONValue { x.map { .number($0) } ?? .null }

    /// The whole document for a run.
    public static func document(_ report: RunReport) -> JSONValue {
        let scenario = report.model.scenario
        let system: [(key: String, value: JSONValue)] = SystemKPI.allCases.map { ($0.key, summary(report[$0])) }
        let zones: [JSONValue] = scenario.zones.enumerated().map { z, zone in
            var members: [(key: String, value: JSONValue)] = [
                ("id", .string(zone.id)), ("name", .string(zone.name)), ("kind", .string(zone.kind)),
                ("capacity", .number(Double(zone.capacity))),
            ]
            members += ZoneKPI.allCases.map { ($0.key, summary(report.zones[z][$0.rawValue])) }
            members.append(("peakTime", report.zonePeakTime[z].map { .string(formatClock(Int($0))) } ?? .null))
            return .object(members)
        }
        let holding: [JSONValue] = scenario.holdingAreas.enumerated().map { h, area in
            var members: [(key: String, value: JSONValue)] = [
                ("id", .string(area.id)), ("name", .string(area.name)), ("capacity", .number(Double(area.capacity))),
            ]
            members += HoldingKPI.allCases.map { ($0.key, summary(report.holdingAreas[h][$0.rawValue])) }
            return .object(members)
        }
        return .object([
            ("tidesim", .string(TideSimVersion.string)),
            ("scenario", .string(scenario.name)),
            ("policy", .string(report.policy)),
            ("seed", .number(Double(report.seed))),
            ("replications", .number(Double(report.replications.count))),
            ("days", .number(Double(scenario.days))),
            ("warmupDays", .number(Double(scenario.warmupDays))),
            ("fleetCap", scenario.fleetCap.map { .number(Double($0)) } ?? .null),
            ("system", .object(system)),
            ("zones", .array(zones)),
            ("holdingAreas", .array(holding)),
        ])
    }
}
