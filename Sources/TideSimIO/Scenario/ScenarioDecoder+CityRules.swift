import TideSimEngine
import TideSimModel
import TideSimCore
import TideSimBuffers
import Suggestions
/// The city's side of a scenario (DESIGN.md section 2b): its operators, their bikes per zone,
/// and its inspections.
extension ScenarioDecoder {
    // MARK: - Operators

    /// `operators`: each with a unique id, a share (the shares sum to 1), a quota, and optionally
    /// its own trucks and policy.
    mutating func decodeOperators(_ value: JSONValue?, at place: Place, zoneIDs: Set<String>, holdingIDs: Set<String>)
        -> [(operator: Operator, place: Place)]
    {
        guard let value else { return [] }
        guard case .array(let items) = value else {
            reader.report(place, "expected an array of operators such as [{\"id\": \"hb\", \"share\": 0.5, \"quota\": 3000}], got \(value.typeDescription)")
            return []
        }
        if items.isEmpty { reader.report(place, "expected at least one operator (leave 'operators' out for one anonymous fleet)") }
        typealias F = ScenarioFields
        var result: [(Operator, Place)] = []
        var seen: [String: Int] = [:]
        var shareSum = 0.0
        for (i, item) in items.enumerated() {
            let p = place.index(i)
            guard let m = reader.object(item, at: p, allowed: F.allowedKeys(in: "operators[]")) else { continue }
            let id = reader.string(m, "id", required: true, nonEmpty: true)
            let name = reader.string(m, "name") ?? id ?? ""
            let share = reader.number(m, F.operatorShare)
            if let share, share <= 0 { reader.report(p.child("share"), "must be above 0, got 0; leave out an operator with no share") }
            let quota = reader.int(m, F.operatorQuota)
            var fleets: [TruckFleet] = []
            var listed = false
            if let raw = m["trucks"] {
                if case .array(let list) = raw {
                    listed = true
                    fleets = decodeFleets(list, at: p.child("trucks"), zoneIDs: zoneIDs, holdingIDs: holdingIDs)
                } else if let fleet = decodeTrucks(raw, at: p.child("trucks"), zoneIDs: zoneIDs, holdingIDs: holdingIDs) {
                    fleets = [fleet]
                }
            }
            let policy = reader.string(m, "policy")
            if let policy, PolicyCatalog.entry(named: policy) == nil {
                let hint = Suggestion.hint(for: policy, among: PolicyCatalog.names)
                reader.report(p.child("policy"), "unknown policy \(Quote.input(policy))\(hint); expected one of: \(PolicyCatalog.names.joined(separator: ", "))")
            }
            guard let id else { continue }
            if let first = seen[id] {
                reader.report(p.child("id"), "duplicate operator id \(Quote.input(id)) (already used by operators[\(first)])")
            }
            seen[id] = seen[id] ?? i
            shareSum += share ?? 0
            result.append((Operator(id: id, name: name, share: share ?? 0, quota: quota ?? 0, fleets: fleets, fleetsListed: listed, policy: policy), p))
        }
        if result.count == items.count, !items.isEmpty, abs(shareSum - 1) > 1e-6 {
            reader.report(place, "the operators' shares must sum to 1, got \(JSONWriter.format((shareSum * 1e9).rounded() / 1e9))")
        }
        return result
    }

    /// Every zone's `bikesByOperator` names known operators (and only with operators).
    mutating func checkBikesByOperator(zones: [(zone: Zone, place: Place)], operators: [(operator: Operator, place: Place)]) {
        let ids = operators.map(\.operator.id)
        for (zone, place) in zones {
            guard let given = zone.bikesByOperator else { continue }
            if ids.isEmpty {
                reader.report(place.child("bikesByOperator"), "needs the scenario's 'operators'; without them the zone's bikes are one fleet's")
                continue
            }
            for entry in given where !ids.contains(entry.operatorID) {
                let hint = Suggestion.hint(for: entry.operatorID, among: ids)
                reader.report(place.child("bikesByOperator").child(entry.operatorID),
                              "unknown operator \(Quote.input(entry.operatorID))\(hint); expected one of: \(ids.joined(separator: ", "))")
            }
        }
    }

    // MARK: - Inspections

    /// `inspections`: inspectors, shifts, speed, dwell, route and watch list, response time, points.
    mutating func decodeInspections(_ value: JSONValue, at place: Place, zones: [(zone: Zone, place: Place)]) -> Inspections? {
        guard let m = reader.object(value, at: place, declared: "inspections") else { return nil }
        typealias F = ScenarioFields
        var s = Inspections.defaults
        let count = reader.int(m, F.inspectors)
        s.speedKmh = reader.number(m, F.inspectionSpeedKmh) ?? s.speedKmh
        s.detour = reader.number(m, F.inspectionDetour) ?? s.detour
        s.dwellMinutes = reader.number(m, F.dwellMinutes) ?? s.dwellMinutes
        s.respondMinutes = reader.number(m, F.respondMinutes) ?? s.respondMinutes
        let route = reader.choice(m, "route", default: "random", among: Inspections.Route.allCases.map(\.rawValue))
        s.shifts = m["shifts"].map { reader.windows($0, at: place.child("shifts"), example: "07:00-10:00") } ?? []
        if let p = m["points"], let pm = reader.object(p, at: place.child("points"), declared: "inspections.points") {
            s.orderPoints = reader.number(pm, F.pointsOrder) ?? s.orderPoints
            s.latePoints = reader.number(pm, F.pointsLate) ?? s.latePoints
        }
        let located = Dictionary(zones.map { ($0.zone.id, $0.zone.coordinate != nil) }, uniquingKeysWith: { a, _ in a })
        if let raw = m["watchlist"] {
            if case .array(let items) = raw {
                for (k, item) in items.enumerated() {
                    let p = place.child("watchlist").index(k)
                    guard case .string(let id) = item else { reader.report(p, "expected a zone id (a string), got \(item.typeDescription)"); continue }
                    guard let has = located[id] else {
                        let hint = Suggestion.hint(for: id, among: Array(located.keys).sorted())
                        reader.report(p, "unknown zone \(Quote.input(id))\(hint)")
                        continue
                    }
                    if !has { reader.report(p, "zone \(Quote.input(id)) has no lat and lon: inspectors cannot walk to it"); continue }
                    if s.watchlist.contains(id) { reader.report(p, "zone \(Quote.input(id)) is listed twice"); continue }
                    s.watchlist.append(id)
                }
            } else {
                reader.report(place.child("watchlist"), "expected an array of zone ids such as [\"m-ggsq-a\", \"o-biz-plaza\"], got \(raw.typeDescription)")
            }
        }
        if route == "watchlist" && m["watchlist"] == nil {
            reader.report(place.child("watchlist"), "missing; a 'watchlist' route needs the zone ids to visit")
        }
        if (count ?? 0) > 0 && !located.values.contains(true) {
            reader.report(place.child("inspectors"), "inspectors walk between zones by their lat and lon, and no zone has them")
        }
        guard let count, let route = route.flatMap(Inspections.Route.init(rawValue:)) else { return nil }
        s.inspectors = count
        s.route = route
        return s
    }
}
