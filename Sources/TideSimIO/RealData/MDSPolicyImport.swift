import TideSimModel
import TideSimCore
/// `tidesim import mds-policy`: a city's MDS Policy (1.x or 2.x) applied to a scenario
/// (docs/real-data.md, "MDS policies").
///
/// - Count rules with `provider_ids` over the whole area (a geography holding every zone with
///   coordinates) become those operators' quotas.
/// - Count rules over a geography become caps of the zones inside it: a maximum shared by several
///   zones is split by their capacity (largest remainder). With `start_time`/`end_time` (and
///   `days`) they are rush-hour windows (`capacityWindows`); `maximum: 0` makes no-parking zones.
/// - Every other rule (speed, time, rate, user; a count rule without a maximum, or per operator
///   over part of the city) is listed as ignored.
public enum MDSPolicyImport {
    /// What the import did, for the lines the command prints.
    public struct Outcome: Sendable {
        public var scenario: Scenario
        /// One line per rule left out, and why.
        public var ignored: [String] = []
        public var quotas: [(operator: String, quota: Int)] = []
        /// Zones whose capacity changed all day, zones given a rush-hour window, of them no-parking.
        public var capped = 0, windows = 0, noParking = 0
        /// Operators made from the providers (the scenario had none).
        public var operatorsMade = 0
    }

    public static func apply(policy policyPath: String, geographies geoPath: String, to scenario: Scenario, scenarioFile: String)
        throws(TideSimError) -> Outcome
    {
        let policyRoot = try read(policyPath), geoRoot = try read(geoPath)
        func fail(_ file: String, _ path: String, _ message: String) -> TideSimError {
            .invalidScenario([ScenarioIssue(Place(file: file, jsonPath: path, csvLine: nil, csvColumn: nil), message)])
        }
        let (policies, policiesPath) = try list(policyRoot, "policies", file: policyPath)
        let (geographies, geographiesPath) = try list(geoRoot, "geographies", file: geoPath)

        // Each geography's zones (those with coordinates inside one of its polygons).
        var zonesIn: [String: (name: String, zones: [Int])] = [:]
        for (i, g) in geographies.enumerated() {
            let place = "\(geographiesPath)[\(i)]"
            guard case .string(let id)? = g["geography_id"] else { throw fail(geoPath, place + ".geography_id", "expected the geography's id (a string)") }
            guard let json = g["geography_json"], let polygons = Polygon.polygons(ofGeoJSON: json) else {
                throw fail(geoPath, place + ".geography_json", "expected GeoJSON: a FeatureCollection, Feature, Polygon or MultiPolygon")
            }
            let name: String
            if case .string(let n)? = g["name"] { name = n } else { name = id }
            let inside = scenario.zones.indices.filter { z in
                guard let c = scenario.zones[z].coordinate else { return false }
                return polygons.contains { Polygon.contains($0, c) }
            }
            zonesIn[id] = (name, inside)
        }
        let located = scenario.zones.indices.filter { scenario.zones[$0].coordinate != nil }

        var outcome = Outcome(scenario: scenario)
        var quotas: [(String, Int)] = []
        for (i, p) in policies.enumerated() {
            let policyName = text(p["name"]) ?? text(p["policy_id"]) ?? "policy \(i + 1)"
            guard case .array(let rules)? = p["rules"] else { throw fail(policyPath, "\(policiesPath)[\(i)].rules", "expected the policy's rules (an array)") }
            for (j, r) in rules.enumerated() {
                let place = "\(policiesPath)[\(i)].rules[\(j)]"
                let ruleName = "\(Quote.input(policyName)), rule \(Quote.input(text(r["name"]) ?? text(r["rule_id"]) ?? String(j + 1)))"
                let type = text(r["rule_type"]) ?? "?"
                guard type == "count" else { outcome.ignored.append("\(ruleName): rule_type \(type) is not modelled"); continue }
                guard case .number(let maximum)? = r["maximum"] else { outcome.ignored.append("\(ruleName): a count rule without a maximum"); continue }
                guard maximum >= 0, maximum == maximum.rounded(), maximum <= 1e7 else {
                    throw fail(policyPath, place + ".maximum", "expected a whole number of at least 0, got \(maximum)")
                }
                guard case .array(let ids)? = r["geographies"], !ids.isEmpty else {
                    throw fail(policyPath, place + ".geographies", "expected the rule's geography ids (an array)")
                }
                var zones: [Int] = []
                for (k, idValue) in ids.enumerated() {
                    guard let id = text(idValue), let g = zonesIn[id] else {
                        let known = zonesIn.keys.sorted().prefix(5).map { Quote.input($0) }.joined(separator: ", ")
                        throw fail(policyPath, "\(place).geographies[\(k)]",
                                   "unknown geography \(Quote.input(text(idValue) ?? "?")); \(geoPath) has \(known)\(zonesIn.count > 5 ? ", ..." : "")")
                    }
                    guard !g.zones.isEmpty else {
                        throw fail(geoPath, "geography \(Quote.input(id))", "\(Quote.input(g.name)) holds no zone of \(scenarioFile): no zone's lat and lon lie inside it")
                    }
                    for z in g.zones where !zones.contains(z) { zones.append(z) }
                }
                zones.sort()
                var providers: [String] = []
                if case .array(let list)? = r["provider_ids"] ?? p["provider_ids"] { providers = list.compactMap(text) }
                if !providers.isEmpty {
                    guard zones == located else {
                        outcome.ignored.append("\(ruleName): a cap per operator over part of the city is not modelled (only over the whole area, as a quota)")
                        continue
                    }
                    for id in providers { quotas.append((id, Int(maximum))) }
                    continue
                }
                var window: TimeWindow?
                var days = CapacityWindow.Days.all
                if r["start_time"] != nil || r["end_time"] != nil {
                    var bounds: [Int] = []
                    for (key, absent) in [("start_time", 0), ("end_time", 86_400)] {
                        guard let raw = r[key] else { bounds.append(absent); continue }
                        guard let t = clock(raw) else { throw fail(policyPath, "\(place).\(key)", "expected a time of day such as \"07:00:00\"") }
                        bounds.append(t)
                    }
                    window = TimeWindow(start: bounds[0], end: bounds[1] == 0 ? 86_400 : bounds[1])
                }
                if case .array(let list)? = r["days"] {
                    let set = Set(list.compactMap(text).map { $0.lowercased() })
                    let weekdays: Set = ["mon", "tue", "wed", "thu", "fri"], weekend: Set = ["sat", "sun"]
                    if set == weekdays { days = .weekdays } else if set == weekend { days = .weekends } else if set != weekdays.union(weekend) {
                        outcome.ignored.append("\(ruleName): days \(list.compactMap(text).joined(separator: ",")) are neither every day, weekdays nor weekends")
                        continue
                    }
                    if window == nil { window = TimeWindow(start: 0, end: 86_400) }
                }
                let weights = zones.map { Double(outcome.scenario.zones[$0].capacity) }
                let split = FleetRescaling.largestRemainder(total: Int(maximum),
                                                            weights: weights.reduce(0, +) > 0 ? weights : zones.map { _ in 1 })
                for (k, z) in zones.enumerated() {
                    if let window {
                        guard outcome.scenario.zones[z].overflow == .pile else {
                            outcome.ignored.append("\(ruleName): zone \(Quote.input(outcome.scenario.zones[z].id)) is docked and cannot shrink its docks")
                            continue
                        }
                        outcome.scenario.zones[z].capacityWindows.append(CapacityWindow(window: window, capacity: split[k], days: days))
                        outcome.windows += 1
                    } else {
                        outcome.scenario.zones[z].capacity = split[k]
                        outcome.capped += 1
                    }
                    if split[k] == 0 { outcome.noParking += 1 }
                }
            }
        }
        try applyQuotas(quotas, to: &outcome, policyPath: policyPath, scenarioFile: scenarioFile)
        return outcome
    }

    /// Quotas go to the operators of the same id; a scenario without operators gets one per
    /// provider, sharing the riders and bikes in proportion to the quotas.
    private static func applyQuotas(_ quotas: [(String, Int)], to outcome: inout Outcome, policyPath: String, scenarioFile: String) throws(TideSimError) {
        guard !quotas.isEmpty else { return }
        if outcome.scenario.operators.isEmpty {
            guard !outcome.scenario.hasTrucks else {
                throw .invalidScenario([ScenarioIssue(Place(file: policyPath), "sets quotas for providers, but \(scenarioFile) has no operators and its trucks are nobody's: give it 'operators' (ids as the providers'), each with its trucks, first")])
            }
            var ids: [String] = []
            for (id, _) in quotas where !ids.contains(id) { ids.append(id) }
            let total = ids.reduce(0) { sum, id in sum + quotas.last { $0.0 == id }!.1 }
            outcome.scenario.operators = ids.map { id in
                let quota = quotas.last { $0.0 == id }!.1
                return Operator(id: id, name: id, share: total > 0 ? Double(quota) / Double(total) : 1 / Double(ids.count), quota: quota)
            }
            outcome.operatorsMade = ids.count
        }
        for (id, quota) in quotas {
            guard let o = outcome.scenario.operators.firstIndex(where: { $0.id.lowercased() == id.lowercased() }) else {
                throw .invalidScenario([ScenarioIssue(Place(file: policyPath), "provider \(Quote.input(id)) is not an operator of \(scenarioFile) (its operators: \(outcome.scenario.operators.map(\.id).joined(separator: ", ")))")])
            }
            outcome.scenario.operators[o].quota = quota
            outcome.quotas.removeAll { $0.operator == outcome.scenario.operators[o].id }
            outcome.quotas.append((outcome.scenario.operators[o].id, quota))
        }
    }

    private static func read(_ path: String) throws(TideSimError) -> JSONValue {
        let text = try ScenarioLoader.readText(path)
        do { return try JSONParser.parse(text) } catch {
            throw .invalidScenario([ScenarioIssue(Place(file: path), "not valid JSON: \(error)")])
        }
    }

    /// The array `key` of an MDS document: under `data` (1.x) or at the top (2.x).
    private static func list(_ root: JSONValue, _ key: String, file: String) throws(TideSimError) -> ([JSONValue], String) {
        if case .array(let items)? = root["data"]?[key] { return (items, "data.\(key)") }
        if case .array(let items)? = root[key] { return (items, key) }
        if case .string(let v)? = root["version"], !(v.hasPrefix("1.") || v.hasPrefix("2.")) {
            throw .invalidScenario([ScenarioIssue(Place(file: file), "MDS version \(v) is not read; expected 1.x or 2.x")])
        }
        throw .invalidScenario([ScenarioIssue(Place(file: file), "expected an MDS document with '\(key)' (under 'data' in 1.x)")])
    }

    private static func text(_ value: JSONValue?) -> String? {
        if case .string(let s)? = value { return s }
        return nil
    }

    /// Seconds after midnight of `"HH:MM:SS"` or `"HH:MM"` (0 to 86400), or nil.
    private static func clock(_ value: JSONValue) -> Int? {
        guard case .string(let s) = value else { return nil }
        let parts = s.split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
        guard (2...3).contains(parts.count), !parts.contains(nil) else { return nil }
        let h = parts[0]!, m = parts[1]!, sec = parts.count == 3 ? parts[2]! : 0
        guard (0...24).contains(h), (0...59).contains(m), (0...59).contains(sec), h * 3600 + m * 60 + sec <= 86_400 else { return nil }
        return h * 3600 + m * 60 + sec
    }
}
