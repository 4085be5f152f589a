import TideSimEngine
import TideSimModel
import TideSimCore
import TideSimBuffers
import Suggestions
/// Turns a parsed scenario (JSON tree with its CSV tables already inlined) into a validated
/// ``Scenario``, collecting every problem.
struct ScenarioDecoder {
    /// Where the elements of an inlined table came from, keyed by the array's JSON path.
    struct TableOrigin {
        let file: String
        let lines: [Int]
        /// The table's rows kept as columns (when no `--set` reaches into it). The scenario tree
        /// then holds an empty array in its place, and no object per row is made.
        var cells: TableCells?
    }

    /// Collects the problems (internal: the decoder's extensions in other files read through it).
    var reader = FieldReader()
    private let file: String
    private let tables: [String: TableOrigin]
    private let defaultName: String

    static let maxCount = 10_000_000.0
    static let unbounded = Double.greatestFiniteMagnitude

    init(file: String, defaultName: String, tables: [String: TableOrigin]) {
        self.file = file
        self.defaultName = defaultName
        self.tables = tables
    }

    /// The scenario, or every problem found.
    mutating func decode(_ root: JSONValue) -> Result<Scenario, TideSimError> {
        let top = Place(file: file)
        typealias F = ScenarioFields
        guard let m = reader.object(root, at: top, declared: "") else { return .failure(.invalidScenario(reader.issues)) }

        if let version = reader.number(m, F.formatVersion),
           version != 1 {
            reader.report(top.child("tidesim"), "unsupported format version \(JSONWriter.format(version)); this tidesim reads version 1")
        }
        let name = reader.string(m, "name", default: defaultName) ?? defaultName
        _ = reader.string(m, "description", default: "")
        let seed = reader.number(m, F.seed) ?? F.seed.defaultValue!
        let days = reader.int(m, F.days) ?? 1
        let warmup = reader.int(m, F.warmupDays) ?? 0
        if warmup >= days {
            reader.report(top.child("warmupDays"), "must be less than days (\(days)), got \(warmup): no day would be measured")
        }
        let sample = reader.int(m, F.sampleMinutes) ?? 15
        if 1440 % sample != 0 {
            reader.report(top.child("sampleMinutes"), "must divide a day (1440 minutes) evenly, got \(sample)")
        }
        var fleetCap: Int?
        if let f = m["fleet"], let fm = reader.object(f, at: top.child("fleet"), declared: "fleet") {
            fleetCap = reader.int(fm, F.fleetCap)
        }

        var costs: Costs?
        if let c = m["costs"], let cm = reader.object(c, at: top.child("costs"), declared: "costs") {
            costs = Costs(currency: reader.string(cm, F.costCurrency.key, default: "CNY") ?? "CNY",
                          truckPerDay: reader.number(cm, F.truckPerDay) ?? 0,
                          holdingAreaPerDay: reader.number(cm, F.holdingAreaPerDay) ?? 0,
                          bikePerDay: reader.number(cm, F.bikePerDay) ?? 0)
        }

        let zones = decodeZones(m["zones"], at: top.child("zones"))
        let holding = decodeHoldingAreas(m["holdingAreas"], at: top.child("holdingAreas"))
        checkUniqueIDs(zones: zones, holding: holding, top: top)

        let zoneIndex = Dictionary(zones.enumerated().map { ($0.element.zone.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
        let holdingIDs = Set(holding.map(\.area.id))
        let demand = decodeDemand(m["demand"], at: top.child("demand"), zones: zones.map(\.zone), zoneIndex: zoneIndex,
                                  holdingIDs: holdingIDs)
        let zoneIDs = Set(zoneIndex.keys)
        let operators = decodeOperators(m["operators"], at: top.child("operators"), zoneIDs: zoneIDs, holdingIDs: holdingIDs)
        checkBikesByOperator(zones: zones, operators: operators)
        if !operators.isEmpty, m["trucks"] != nil {
            reader.report(top.child("trucks"), "with operators the trucks are the operators': move them into the 'trucks' of the operator that runs them")
        }
        var fleets: [TruckFleet] = []
        var fleetsListed = false
        if let raw = m["trucks"] {
            if case .array(let items) = raw {
                fleetsListed = true
                fleets = decodeFleets(items, at: top.child("trucks"), zoneIDs: zoneIDs, holdingIDs: holdingIDs)
            } else if let fleet = decodeTrucks(raw, at: top.child("trucks"), zoneIDs: zoneIDs, holdingIDs: holdingIDs) {
                fleets = [fleet]
            }
        }
        let policy = decodePolicy(m["policy"], at: top.child("policy"), zoneIDs: zoneIDs, holdingIDs: holdingIDs)

        for (i, fleet) in fleets.enumerated() where fleet.count > 0 {
            let place = fleetsListed ? top.child("trucks").index(i) : top.child("trucks")
            checkTruckCoordinates(fleet, at: place, zones: zones, holding: holding, reportHolding: i == fleets.firstIndex { $0.count > 0 })
        }
        let inspections = m["inspections"].flatMap { decodeInspections($0, at: top.child("inspections"), zones: zones) }
        let anyTrucks = m["trucks"] != nil || operators.contains { !$0.operator.fleets.isEmpty }
        // With operators, the scenario's policy is only the default of operators with trucks and no policy of their own.
        let defaultUsed = operators.isEmpty || operators.contains { !$0.operator.fleets.isEmpty && $0.operator.policy == nil }
        if defaultUsed, let problem = PolicyCatalog.problem(running: policy.name, hasTrucks: anyTrucks, hasHoldingAreas: !holding.isEmpty) {
            reader.report(top.child("policy").child("name"), problem)
        }
        for (op, place) in operators {
            guard let name = op.policy else { continue }
            if let problem = PolicyCatalog.problem(running: name, hasTrucks: !op.fleets.isEmpty, hasHoldingAreas: !holding.isEmpty) {
                reader.report(place.child("policy"), problem.replacingOccurrences(of: "the scenario has no trucks block", with: "this operator has no trucks"))
            }
        }
        if !reader.issues.isEmpty { return .failure(.invalidScenario(reader.issues)) }
        return .success(Scenario(
            name: name, seed: UInt64(seed), days: days, warmupDays: warmup, sampleMinutes: sample, fleetCap: fleetCap,
            zones: zones.map(\.zone), holdingAreas: holding.map(\.area), demand: demand!, fleets: fleets, fleetsListed: fleetsListed,
            policy: policy, costs: costs, operators: operators.map(\.operator), inspections: inspections))
    }

    // MARK: - Arrays that may come from CSV tables

    /// The elements of an array with the place of each (a JSON index or a CSV row).
    private mutating func elements(_ value: JSONValue?, at place: Place, what: String) -> [(JSONValue, Place)] {
        guard let value else { return [] }
        guard case .array(let items) = value else {
            let table = place.jsonPath == "zones" || place.jsonPath == "demand.flows"
            reader.report(place, "expected an array of \(what)\(table ? " or the name of a CSV file" : " (only zones and demand.flows can come from a CSV file)"), got \(value.typeDescription)")
            return []
        }
        let origin = tables[place.jsonPath]
        return items.enumerated().map { i, item in
            if let origin, i < origin.lines.count {
                return (item, place.csvRow(i, file: origin.file, line: origin.lines[i]))
            }
            return (item, place.index(i))
        }
    }

    /// One record of an array that may come from a CSV table: a row of a table kept as columns
    /// (its header was checked when it was read), or an element still to be read as an object.
    private enum Record {
        case row(Members)
        case element(JSONValue, Place)

        /// Where the record is (for a table row, made now: ask only for an error).
        var place: Place {
            switch self {
            case .row(let m): return m.place
            case .element(_, let p): return p
            }
        }
    }

    /// The records of such an array.
    private mutating func records(_ value: JSONValue?, at place: Place, what: String) -> [Record] {
        if let origin = tables[place.jsonPath], let cells = origin.cells {
            let rows = TableRows(cells: cells, place: place, file: origin.file, lines: origin.lines)
            return (0..<rows.count).map { .row(Members(rows: rows, row: $0)) }
        }
        return elements(value, at: place, what: what).map { .element($0, $1) }
    }

    /// A record's members (for an element, its unknown keys reported), or nil when it is not an object.
    private mutating func members(_ record: Record, allowed: [String]) -> Members? {
        switch record {
        case .row(let m): return m
        case .element(let item, let place): return reader.object(item, at: place, allowed: allowed)
        }
    }

    private mutating func coordinate(_ m: Members) -> Coordinate? {
        let lat = reader.number(m, "lat", in: -90...90)
        let lon = reader.number(m, "lon", in: -180...180)
        switch (m["lat"], m["lon"]) {
        case (nil, nil): return nil
        case (_?, nil): reader.report(m.place.child("lon"), "missing; lat and lon go together"); return nil
        case (nil, _?): reader.report(m.place.child("lat"), "missing; lat and lon go together"); return nil
        default: return lat.flatMap { la in lon.map { Coordinate(lat: la, lon: $0) } }
        }
    }

    // MARK: - Zones and holding areas

    private mutating func decodeZones(_ value: JSONValue?, at place: Place) -> [(zone: Zone, place: Place)] {
        guard value != nil else {
            reader.report(place, "missing; expected an array of zones or the name of a CSV file")
            return []
        }
        var result: [(Zone, Place)] = []
        let keys = ScenarioFields.allowedKeys(in: "zones[]")
        // A row of a zone table kept as columns with nothing to report is read straight from its
        // cells (as the flows are), with no record made for it; any other row, and every zone
        // written in the JSON, is read field by field, which says what is wrong.
        if let origin = tables[place.jsonPath], let cells = origin.cells {
            let rows = TableRows(cells: cells, place: place, file: origin.file, lines: origin.lines)
            let quick = ZoneCells(cells), width = cells.columns.count
            result.reserveCapacity(rows.count)
            for r in 0..<rows.count {
                if let zone = quick.zone(at: r * width) {
                    result.append((zone, rows.place(ofRow: r)))
                } else if let zone = zone(.row(Members(rows: rows, row: r)), keys: keys) {
                    result.append(zone)
                }
            }
            return result
        }
        let items = records(value, at: place, what: "zones")
        if items.isEmpty, case .array = value! { reader.report(place, "a scenario needs at least one zone") }
        for record in items {
            if let zone = zone(record, keys: keys) { result.append(zone) }
        }
        return result
    }

    /// A zone read field by field (every problem reported); nil when it has no id.
    private mutating func zone(_ record: Record, keys: [String]) -> (Zone, Place)? {
        let p = record.place
        guard let m = members(record, allowed: keys) else { return nil }
        let id = reader.string(m, "id", required: true, nonEmpty: true)
        let name = reader.string(m, "name") ?? id ?? ""
        let kind = reader.string(m, "kind", default: "other") ?? "other"
        let coord = coordinate(m)
        let capacity = reader.int(m, ScenarioFields.zoneCapacity)
        let bikes = reader.int(m, ScenarioFields.zoneBikes)
        let overflow = reader.choice(m, "overflow", default: "pile", among: OverflowRule.allCases.map(\.rawValue))
        if overflow == "redirect" && coord == nil && m["lat"] == nil {
            reader.report(p.child("overflow"), "a 'redirect' zone needs lat and lon to send riders on to the nearest zone")
        }
        let windows = m["capacityWindows"].map { capacityWindows($0, at: p.child("capacityWindows"), docked: overflow == "redirect") } ?? []
        var byOperator: [OperatorBikes]?
        var total = bikes ?? 0
        if let raw = m["bikesByOperator"] {
            byOperator = bikesByOperator(raw, at: p.child("bikesByOperator"))
            let sum = byOperator?.reduce(0) { $0 + $1.bikes } ?? 0
            if m["bikes"] == nil {
                total = sum
            } else if let bikes, bikes != sum {
                reader.report(p.child("bikes"), "is \(bikes), but bikesByOperator adds up to \(sum); give one, or make them agree")
            }
        }
        // A zone with an invalid field still registers its id (the scenario is rejected anyway),
        // so that flows naming it do not report a second, misleading error.
        guard let id else { return nil }
        var zone = Zone(id: id, name: name, kind: kind, coordinate: coord, capacity: capacity ?? 0, bikes: total,
                        overflow: overflow.flatMap(OverflowRule.init(rawValue:)) ?? .pile, capacityWindows: windows)
        zone.bikesByOperator = byOperator
        return (zone, p)
    }

    /// A zone's bikes per operator: `{"hb": 120, "mt": 80}` (the ids are checked against the
    /// operators once they are read).
    private mutating func bikesByOperator(_ raw: JSONValue, at place: Place) -> [OperatorBikes]? {
        guard case .object(let members) = raw else {
            reader.report(place, "expected an object of bikes per operator such as {\"hb\": 120, \"mt\": 80}, got \(raw.typeDescription)")
            return nil
        }
        var result: [OperatorBikes] = []
        let m = Members(place: place, members: members)
        for member in members {
            guard let n = reader.int(m, member.key, in: 0...Int(ScenarioDecoder.maxCount), required: true) else { continue }
            result.append(OperatorBikes(operatorID: member.key, bikes: n))
        }
        return result
    }

    /// A zone's rush-hour caps: `[{"time": "07:00-09:30", "capacity": 50, "days": "weekdays"}]`.
    private mutating func capacityWindows(_ raw: JSONValue, at place: Place, docked: Bool) -> [CapacityWindow] {
        guard case .array(let items) = raw else {
            reader.report(place, "expected an array such as [{\"time\": \"07:00-09:30\", \"capacity\": 50}], got \(raw.typeDescription)")
            return []
        }
        if docked && !items.isEmpty {
            reader.report(place, "a docked ('redirect') zone cannot shrink its docks; rush-hour caps apply to 'pile' zones")
            return []
        }
        var windows: [CapacityWindow] = []
        for (i, item) in items.enumerated() {
            let p = place.index(i)
            guard let m = reader.object(item, at: p, allowed: ["time", "capacity", "days"]) else { continue }
            guard let time = m["time"] else { reader.report(p.child("time"), "missing; expected a time window such as \"07:00-09:30\""); continue }
            let window = reader.window(time, at: p.child("time"))
            let capacity = reader.int(m, "capacity", in: 0...Int(ScenarioDecoder.maxCount), required: true)
            let days = reader.choice(m, "days", default: "all", among: CapacityWindow.Days.allCases.map(\.rawValue))
            if let window, let capacity, let days = days.flatMap(CapacityWindow.Days.init(rawValue:)) {
                windows.append(CapacityWindow(window: window, capacity: capacity, days: days))
            }
        }
        return windows
    }

    private mutating func decodeHoldingAreas(_ value: JSONValue?, at place: Place) -> [(area: HoldingArea, place: Place)] {
        var result: [(HoldingArea, Place)] = []
        let keys = ScenarioFields.allowedKeys(in: "holdingAreas[]")
        for (item, p) in elements(value, at: place, what: "holding areas") {
            guard let m = reader.object(item, at: p, allowed: keys) else { continue }
            let id = reader.string(m, "id", required: true, nonEmpty: true)
            let name = reader.string(m, "name") ?? id ?? ""
            let coord = coordinate(m)
            let capacity = reader.int(m, ScenarioFields.holdingCapacity)
            let bikes = reader.int(m, ScenarioFields.holdingBikes)
            if let capacity, let bikes, bikes > capacity {
                reader.report(p.child("bikes"), "must be at most the capacity (\(capacity)), got \(bikes)")
            }
            var open: TimeWindow?
            if let raw = m["open"] { open = reader.window(raw, at: p.child("open")) }
            guard let id else { continue }
            result.append((HoldingArea(id: id, name: name, coordinate: coord, capacity: capacity ?? 0, bikes: bikes ?? 0, open: open), p))
        }
        return result
    }

    private mutating func checkUniqueIDs(zones: [(zone: Zone, place: Place)], holding: [(area: HoldingArea, place: Place)], top: Place) {
        // Ids to where they were first seen (an index: zones, then holding areas); places only
        // for a duplicate.
        var seen: [String: Int] = [:]
        seen.reserveCapacity(zones.count + holding.count)
        func place(_ i: Int) -> Place { i < zones.count ? zones[i].place : holding[i - zones.count].place }
        for i in 0..<(zones.count + holding.count) {
            let id = i < zones.count ? zones[i].zone.id : holding[i - zones.count].area.id
            if let first = seen.updateValue(i, forKey: id) {
                seen[id] = first
                reader.report(place(i).child("id"), "duplicate id \(Quote.input(id)) (already used at \(place(first)); zones and holding areas share one id space)")
            }
        }
    }

    /// Trucks drive by great-circle distance: their depot and every holding area need coordinates.
    private mutating func checkTruckCoordinates(_ trucks: TruckFleet, at place: Place, zones: [(zone: Zone, place: Place)],
                                                holding: [(area: HoldingArea, place: Place)], reportHolding: Bool) {
        if let z = zones.first(where: { $0.zone.id == trucks.depot }), z.zone.coordinate == nil {
            reader.report(place.child("depot"), "the depot \(Quote.input(trucks.depot)) needs lat and lon for trucks to drive from it")
        }
        if let serves = trucks.serves {
            for (k, id) in serves.enumerated() {
                if let z = zones.first(where: { $0.zone.id == id }), z.zone.coordinate == nil {
                    reader.report(place.child("serves").index(k), "zone \(Quote.input(id)) has no lat and lon: trucks cannot drive to it")
                }
            }
        }
        guard reportHolding else { return }
        for h in holding where h.area.coordinate == nil {
            reader.report(h.place, "a holding area needs lat and lon when the scenario has trucks")
        }
    }

    // MARK: - Demand

    private mutating func decodeDemand(_ value: JSONValue?, at place: Place, zones: [Zone], zoneIndex: [String: Int],
                                       holdingIDs: Set<String>) -> Demand? {
        let m: Members
        if let value {
            guard let obj = reader.object(value, at: place, declared: "demand") else { return nil }
            m = obj
        } else {
            m = Members(place: place, members: [])
        }
        let scale = reader.number(m, ScenarioFields.demandScale) ?? 1
        let walk = reader.number(m, ScenarioFields.walkMeters) ?? 0
        let switchOperator = reader.number(m, ScenarioFields.switchOperator) ?? 0.8
        var ride = RideSettings.defaults
        if let r = m["ride"], let rm = reader.object(r, at: place.child("ride"), declared: "demand.ride") {
            ride.speedKmh = reader.number(rm, ScenarioFields.rideSpeedKmh) ?? ride.speedKmh
            ride.detour = reader.number(rm, ScenarioFields.rideDetour) ?? ride.detour
            ride.minMinutes = reader.number(rm, ScenarioFields.rideMinMinutes) ?? ride.minMinutes
            ride.cv = reader.number(rm, ScenarioFields.rideCV) ?? ride.cv
        }
        let profiles = decodeProfiles(m["profiles"], at: place.child("profiles"))
        let profileNames = BuiltInProfiles.names + profiles.map(\.name)
        let knownProfiles = Set(profileNames)

        var flows: [Flow] = []
        let flowKeys = ScenarioFields.allowedKeys(in: "demand.flows[]")
        let located = zones.map { $0.coordinate != nil }
        var lastKnownProfile = "flat"     // flows mostly repeat one profile: a comparison, not a hash
        // A row of a flow table kept as columns is read straight from its cells when nothing in
        // it is to be reported (the common case: a table of 140,000 rows); any other row, and
        // every flow written in the JSON, is read field by field below, which says what is wrong.
        let flowsPlace = place.child("flows")
        // (A record's place is made only for an error: a flow table may have 164,000 rows.)
        func readFields(_ record: Record) {
            guard let fm = members(record, allowed: flowKeys) else { return }
            let from = zoneRef(fm, "from", zoneIndex: zoneIndex, holdingIDs: holdingIDs)
            let to = zoneRef(fm, "to", zoneIndex: zoneIndex, holdingIDs: holdingIDs)
            let trips = reader.number(fm, ScenarioFields.tripsPerDay)
            let profile = reader.string(fm, "profile", default: "flat") ?? "flat"
            if profile != lastKnownProfile {
                if knownProfiles.contains(profile) {
                    lastKnownProfile = profile
                } else {
                    let hint = Suggestion.hint(for: profile, among: profileNames)
                    reader.report(record.place.child("profile"), "unknown profile \(Quote.input(profile))\(hint); expected a built-in (\(BuiltInProfiles.names.joined(separator: ", "))) or one of demand.profiles")
                }
            }
            let minutes = reader.number(fm, ScenarioFields.flowMinutes)
            if let from, let to, fm["minutes"] == nil, from.id != to.id, !located[from.index] || !located[to.index] {
                let missing = located[from.index] ? to.id : from.id
                reader.report(record.place, "needs 'minutes': zone \(Quote.input(missing)) has no coordinates to derive the ride time from")
            }
            guard let from, let to, let trips else { return }
            flows.append(Flow(from: from.id, to: to.id, tripsPerDay: trips, profile: profile, minutes: minutes))
        }
        if let origin = tables[flowsPlace.jsonPath], let cells = origin.cells {
            let rows = TableRows(cells: cells, place: flowsPlace, file: origin.file, lines: origin.lines)
            var quick = FlowCells(cells, zones: IDIndex(zones.map(\.id)))
            let width = cells.columns.count
            flows.reserveCapacity(rows.count)
            for r in 0..<rows.count {
                if let flow = quick.flow(at: r * width, located: located, knownProfiles: knownProfiles) {
                    flows.append(flow)
                } else {
                    readFields(.row(Members(rows: rows, row: r)))
                }
            }
        } else {
            for record in records(m["flows"], at: flowsPlace, what: "flows") { readFields(record) }
        }
        var demand = Demand(scale: scale, walkMeters: walk, ride: ride, profiles: profiles, flows: flows)
        demand.switchOperator = switchOperator
        return demand
    }

    /// The zone a flow names under `key`, with its index; nil (and a reported issue) when the id
    /// is missing, unknown or a holding area's.
    private mutating func zoneRef(_ m: Members, _ key: String, zoneIndex: [String: Int], holdingIDs: Set<String>) -> (id: String, index: Int)? {
        guard let id = reader.string(m, key, required: true) else { return nil }
        if let index = zoneIndex[id] { return (id, index) }
        if holdingIDs.contains(id) {
            reader.report(m.place.child(key), "\(Quote.input(id)) is a holding area; riders rent and return only in zones")
        } else {
            let hint = Suggestion.hint(for: id, among: Array(zoneIndex.keys).sorted())
            reader.report(m.place.child(key), "unknown zone \(Quote.input(id))\(hint)")
        }
        return nil
    }

    private mutating func decodeProfiles(_ value: JSONValue?, at place: Place) -> [(name: String, weights: [Double])] {
        guard let value else { return [] }
        guard case .object(let members) = value else {
            reader.report(place, "expected an object of named profiles, got \(value.typeDescription)")
            return []
        }
        var result: [(String, [Double])] = []
        for (name, raw) in members {
            let p = place.child(name)
            if BuiltInProfiles.names.contains(name) {
                reader.report(p, "\(Quote.input(name)) is a built-in profile; give a custom profile another name")
                continue
            }
            guard case .array(let items) = raw else {
                reader.report(p, "expected an array of 24, 48 or 96 weights, got \(raw.typeDescription)")
                continue
            }
            guard [24, 48, 96].contains(items.count) else {
                reader.report(p, "expected 24, 48 or 96 weights (hourly, half-hourly, quarter-hourly), got \(items.count)")
                continue
            }
            var weights: [Double] = []
            var ok = true
            for (i, item) in items.enumerated() {
                guard case .number(let w) = item, w.isFinite, w >= 0 else {
                    reader.report(p.index(i), "expected a non-negative number, got \(item == .null ? "null" : describe(item))")
                    ok = false
                    continue
                }
                weights.append(w)
            }
            if ok && weights.reduce(0, +) <= 0 {
                reader.report(p, "the weights sum to 0; a profile needs at least one positive weight")
                ok = false
            }
            if ok { result.append((name, weights)) }
        }
        return result
    }

    private func describe(_ v: JSONValue) -> String {
        if case .number(let x) = v { return JSONWriter.format(x) }
        return v.typeDescription
    }

    // MARK: - Trucks and policy

    mutating func decodeTrucks(_ value: JSONValue, at place: Place, zoneIDs: Set<String>, holdingIDs: Set<String>,
                                       listed: Bool = false) -> TruckFleet? {
        guard let m = reader.object(value, at: place, declared: "trucks") else { return nil }
        let count = reader.int(m, ScenarioFields.truckCount)
        let capacity = reader.int(m, ScenarioFields.truckCapacity)
        let speed = reader.number(m, ScenarioFields.truckSpeedKmh)
        let detour = reader.number(m, ScenarioFields.truckDetour)
        let load = reader.number(m, ScenarioFields.truckLoadSeconds)
        let maxOrderKm = reader.number(m, ScenarioFields.truckMaxOrderKm)
        let depot = reader.string(m, "depot", required: (count ?? 0) > 0)
        if let depot, !zoneIDs.contains(depot) && !holdingIDs.contains(depot) {
            let hint = Suggestion.hint(for: depot, among: (zoneIDs.union(holdingIDs)).sorted())
            reader.report(place.child("depot"), "unknown depot \(Quote.input(depot))\(hint); expected a zone or holding area id")
        }
        let shifts = m["shifts"].map { reader.windows($0, at: place.child("shifts"), example: "06:30-10:00") } ?? []
        let id = reader.string(m, "id", required: listed)
        var serves: [String]?
        if let raw = m["serves"] {
            if case .array(let items) = raw {
                var ids: [String] = []
                for (k, item) in items.enumerated() {
                    guard case .string(let z) = item else {
                        reader.report(place.child("serves").index(k), "expected a zone id (a string), got \(item.typeDescription)")
                        continue
                    }
                    if !zoneIDs.contains(z) {
                        let hint = Suggestion.hint(for: z, among: zoneIDs.sorted())
                        reader.report(place.child("serves").index(k),
                                      "unknown zone \(Quote.input(z))\(hint); a territory lists zone ids (holding areas serve every fleet)")
                    } else if ids.contains(z) {
                        reader.report(place.child("serves").index(k), "zone \(Quote.input(z)) is listed twice")
                    } else {
                        ids.append(z)
                    }
                }
                serves = ids
            } else {
                reader.report(place.child("serves"), "expected an array of zone ids such as [\"metro-sq\", \"tech-park\"], got \(raw.typeDescription)")
            }
        }
        guard let count, let capacity, let speed, let detour, let load else { return nil }
        return TruckFleet(id: id, count: count, capacity: capacity, speedKmh: speed, detour: detour, loadSeconds: load,
                          depot: depot ?? "", shifts: shifts, maxOrderKm: maxOrderKm, serves: serves)
    }

    /// `trucks` as a list of fleets: each an object like `trucks`, with a unique `id`.
    mutating func decodeFleets(_ items: [JSONValue], at place: Place, zoneIDs: Set<String>, holdingIDs: Set<String>) -> [TruckFleet] {
        var fleets: [TruckFleet] = []
        var seen: [String: Int] = [:]
        for (i, item) in items.enumerated() {
            guard let fleet = decodeTrucks(item, at: place.index(i), zoneIDs: zoneIDs, holdingIDs: holdingIDs, listed: true) else { continue }
            if let id = fleet.id {
                if let first = seen[id] {
                    reader.report(place.index(i).child("id"), "duplicate fleet id \(Quote.input(id)) (already used by trucks[\(first)])")
                }
                seen[id] = seen[id] ?? i
            }
            fleets.append(fleet)
        }
        return fleets
    }

    private mutating func decodePolicy(_ value: JSONValue?, at place: Place, zoneIDs: Set<String>, holdingIDs: Set<String>) -> PolicySettings {
        var policy = PolicySettings.defaults
        guard let value else { return policy }
        typealias F = ScenarioFields
        guard let m = reader.object(value, at: place, declared: "policy") else { return policy }
        policy.name = reader.choice(m, "name", default: "none", among: PolicyCatalog.names) ?? "none"
        policy.high = reader.number(m, F.policyHigh) ?? policy.high
        policy.target = reader.number(m, F.policyTarget) ?? policy.target
        policy.low = reader.number(m, F.policyLow) ?? policy.low
        policy.everyMinutes = reader.number(m, F.everyMinutes) ?? policy.everyMinutes
        policy.horizonMinutes = reader.number(m, F.horizonMinutes) ?? policy.horizonMinutes
        policy.releaseFrom = reader.clock(m, F.releaseFrom.key)
        policy.clearanceMinutes = reader.number(m, F.clearanceMinutes) ?? policy.clearanceMinutes
        checkOrder(low: policy.low, target: policy.target, high: policy.high, at: place)

        guard let rawZones = m["zones"] else { return policy }
        guard case .object(let members) = rawZones else {
            reader.report(place.child("zones"), "expected an object of per-zone overrides keyed by zone id, got \(rawZones.typeDescription)")
            return policy
        }
        for (zoneID, raw) in members {
            let p = place.child("zones").child(zoneID)
            if !zoneIDs.contains(zoneID) {
                let hint = Suggestion.hint(for: zoneID, among: zoneIDs.sorted())
                reader.report(p, "unknown zone \(Quote.input(zoneID))\(hint)")
            }
            guard let zm = reader.object(raw, at: p, declared: "policy.zones{}") else { continue }
            let o = ZoneOverride(
                zone: zoneID,
                high: reader.number(zm, F.overrideHigh),
                target: reader.number(zm, F.overrideTarget),
                low: reader.number(zm, F.overrideLow),
                holdingArea: reader.string(zm, F.overrideHoldingArea.key),
                priority: reader.number(zm, F.overridePriority))
            if let h = o.holdingArea, !holdingIDs.contains(h) {
                let hint = Suggestion.hint(for: h, among: holdingIDs.sorted())
                reader.report(p.child("holdingArea"), "unknown holding area \(Quote.input(h))\(hint)")
            }
            checkOrder(low: o.low ?? policy.low, target: o.target ?? policy.target, high: o.high ?? policy.high, at: p)
            policy.zones.append(o)
        }
        return policy
    }

    private mutating func checkOrder(low: Double, target: Double, high: Double, at place: Place) {
        if !(low <= target && target <= high) {
            reader.report(place, "thresholds must satisfy 0 <= low <= target <= high, got low \(JSONWriter.format(low)), target \(JSONWriter.format(target)), high \(JSONWriter.format(high))")
        }
    }
}

/// The columns of a flow table kept as columns, found once, and the reading of a row that has
/// nothing to report: both zones known, `tripsPerDay` a number in range, the profile known,
/// `minutes` absent or in range and present where a zone has no coordinates. Exactly what the
/// field-by-field reading accepts; nil for any other row, which that reading then reports.
/// The zone table's columns read from the cells of a row when the row is plain: an id, a name
/// and kind as text (or empty), coordinates in range (both or neither), a whole capacity and
/// bikes in range, an overflow rule (a docked zone with coordinates). Anything else is nil, and
/// the row is read field by field, which reports it.
private struct ZoneCells {
    private let cells: [JSONValue]
    private let id: Int?, name: Int?, kind: Int?, lat: Int?, lon: Int?, capacity: Int?, bikes: Int?, overflow: Int?

    init(_ table: TableCells) {
        cells = table.cells
        id = table.index(of: "id")
        name = table.index(of: "name")
        kind = table.index(of: "kind")
        lat = table.index(of: "lat")
        lon = table.index(of: "lon")
        capacity = table.index(of: "capacity")
        bikes = table.index(of: "bikes")
        overflow = table.index(of: "overflow")
    }

    /// A text cell (nil: absent or empty), or `false` for any other value.
    private func text(_ column: Int?, _ start: Int) -> (ok: Bool, value: String?) {
        guard let column else { return (true, nil) }
        switch cells[start + column] {
        case .null: return (true, nil)
        case .string(let s): return (true, s)
        default: return (false, nil)
        }
    }

    /// A whole-number cell in `range` (nil: absent or empty), or `false`.
    private func whole(_ column: Int?, _ start: Int, _ range: ClosedRange<Int>) -> (ok: Bool, value: Int?) {
        guard let column else { return (true, nil) }
        switch cells[start + column] {
        case .null: return (true, nil)
        case .number(let x) where x == x.rounded() && x >= Double(range.lowerBound) && x <= Double(range.upperBound): return (true, Int(x))
        default: return (false, nil)
        }
    }

    private func degrees(_ column: Int?, _ start: Int, _ limit: Double) -> (ok: Bool, value: Double?) {
        guard let column else { return (true, nil) }
        switch cells[start + column] {
        case .null: return (true, nil)
        case .number(let x) where x >= -limit && x <= limit: return (true, x)
        default: return (false, nil)
        }
    }

    func zone(at start: Int) -> Zone? {
        guard let i = id, case .string(let zid) = cells[start + i], zid.contains(where: { $0 != " " && $0 != "\t" }) else { return nil }
        let n = text(name, start), k = text(kind, start), o = text(overflow, start)
        let la = degrees(lat, start, 90), lo = degrees(lon, start, 180)
        let c = whole(capacity, start, 0...Int(ScenarioDecoder.maxCount)), b = whole(bikes, start, 0...Int(ScenarioDecoder.maxCount))
        guard n.ok, k.ok, o.ok, la.ok, lo.ok, c.ok, b.ok, let cap = c.value, (la.value == nil) == (lo.value == nil) else { return nil }
        let coordinate = la.value.flatMap { a in lo.value.map { Coordinate(lat: a, lon: $0) } }
        let rule: OverflowRule
        switch o.value {
        case nil, "pile": rule = .pile
        case "redirect" where coordinate != nil: rule = .redirect
        default: return nil
        }
        return Zone(id: zid, name: n.value ?? zid, kind: k.value ?? "other", coordinate: coordinate, capacity: cap, bikes: b.value ?? 0,
                    overflow: rule, capacityWindows: [])
    }
}

private struct FlowCells {
    private let cells: [JSONValue]
    private let zones: IDIndex
    private let from: Int?, to: Int?, trips: Int?, profile: Int?, minutes: Int?
    private var lastProfile = "flat"

    init(_ cells: TableCells, zones: IDIndex) {
        self.cells = cells.cells
        self.zones = zones
        from = cells.index(of: "from")
        to = cells.index(of: "to")
        trips = cells.index(of: "tripsPerDay")
        profile = cells.index(of: "profile")
        minutes = cells.index(of: "minutes")
    }

    mutating func flow(at start: Int, located: [Bool], knownProfiles: Set<String>) -> Flow? {
        let row = cells
        guard let f = from, let t = to, let n = trips,
              case .string(let a) = row[start + f], case .string(let b) = row[start + t],
              case .number(let perDay) = row[start + n], ScenarioFields.tripsPerDay.range.contains(perDay),
              let i = zones[a], let j = zones[b] else { return nil }
        var name = "flat"
        if let p = profile {
            switch row[start + p] {
            case .null: break
            case .string(let s):
                if s != lastProfile {
                    guard knownProfiles.contains(s) else { return nil }
                    lastProfile = s
                }
                name = s
            default: return nil
            }
        }
        var mean: Double?
        if let c = minutes {
            switch row[start + c] {
            case .null: break
            case .number(let x) where ScenarioFields.flowMinutes.range.contains(x): mean = x
            default: return nil
            }
        }
        if mean == nil && a != b && (!located[i] || !located[j]) { return nil }
        return Flow(from: a, to: b, tripsPerDay: perDay, profile: name, minutes: mean)
    }
}
