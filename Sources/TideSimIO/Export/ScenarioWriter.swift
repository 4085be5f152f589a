import TideSimEngine
import TideSimModel
import TideSimCore
import TideSimBuffers
import Foundation

/// Writes a ``Scenario`` back to the scenario format: one JSON file, with the zones and flows as
/// CSV tables beside it when asked (the form for large cities).
public enum ScenarioWriter {
    /// Writes `scenario` to the JSON file `path` (its tables beside it, `BASE-zones.csv` and
    /// `BASE-od.csv`, when `tables`), all or nothing, after loading what it is about to write
    /// back: a scenario tidesim writes always validates. Returns the paths written.
    /// - Parameters:
    ///   - inputs: The files the command read: none of them is overwritten (a scenario written
    ///     over the feed or the records it came from would lose them).
    ///   - beforeCommit: Called with the paths once every file is written and may replace what is
    ///     there, before they are moved into place (a command prints its summary there, so a
    ///     failing standard output leaves no file behind).
    /// - Throws: ``TideSimError``: `invalidScenario` if it would not validate (nothing is
    ///   written), `cannotCreateOutput` when the files cannot be written.
    public static func write(_ scenario: Scenario, to path: String, tables: Bool, inputs: [String] = [],
                             beforeCommit: ([String]) -> Void = { _ in }) throws(TideSimError) -> [String] {
        let directory = FilePath.directoryPart(path)
        let baseName = FilePath.removingExtension(FilePath.lastComponent(path))
        let files = self.files(scenario, baseName: baseName, tables: tables)
        let paths = files.map { (directory.isEmpty ? "" : directory + "/") + $0.name }
        let read = inputs.compactMap(InputFile.identity)
        for p in paths {
            if let id = InputFile.identity(p), read.contains(where: { $0 == id }) {
                throw .cannotCreateOutput(path: p, reason: "is one of the files this command reads; write the scenario to another file")
            }
        }
        _ = try ScenarioLoader.load(text: files[0].contents, file: path, directory: directory,
                                    tables: Dictionary(uniqueKeysWithValues: files.dropFirst().map { ($0.name, $0.contents) }))
        let set = try OutputDirectory.Staging(directory: directory.isEmpty ? "." : directory)
        for file in files { try set.add(OutputFile(name: file.name, text: file.contents)) }
        try set.check()
        beforeCommit(paths)
        try set.commit()
        return paths
    }

    /// The files of a scenario: `(name, contents)`, the JSON file first.
    /// - Parameters:
    ///   - baseName: File name of the JSON scenario without extension; tables are `BASE-zones.csv`
    ///     and `BASE-od.csv`.
    ///   - tables: Whether to put zones and flows in CSV tables.
    public static func files(_ s: Scenario, baseName: String, tables: Bool) -> [(name: String, contents: String)] {
        let num = { (x: Double) in JSONValue.number(x) }
        func capacityWindows(_ windows: [CapacityWindow]) -> JSONValue {
            .array(windows.map { w in
                var m: [(key: String, value: JSONValue)] = [("time", .string(w.window.description)), ("capacity", num(Double(w.capacity)))]
                if w.days != .all { m.append(("days", .string(w.days.rawValue))) }
                return .object(m)
            })
        }
        func window(_ w: TimeWindow) -> JSONValue { .string(w.description) }
        var zonesValue: JSONValue
        var flowsValue: JSONValue
        var files: [(name: String, contents: String)] = []
        // Rush-hour caps have no CSV column: a city with them keeps its zones in the JSON.
        if tables && !s.zones.contains(where: { !$0.capacityWindows.isEmpty || $0.bikesByOperator != nil }) {
            let zoneRows = s.zones.map { z in
                [z.id, z.name, z.kind, z.coordinate.map { JSONWriter.format($0.lat) } ?? "", z.coordinate.map { JSONWriter.format($0.lon) } ?? "",
                 String(z.capacity), String(z.bikes), z.overflow.rawValue]
            }
            files.append(("\(baseName)-zones.csv", CSV.render(header: ScenarioFields.csvColumns(of: "zones[]").all, rows: zoneRows)))
            zonesValue = .string("\(baseName)-zones.csv")
        } else {
            zonesValue = .array(s.zones.map { z in
                var m: [(key: String, value: JSONValue)] = [("id", .string(z.id)), ("name", .string(z.name)), ("kind", .string(z.kind))]
                if let c = z.coordinate { m += [("lat", num(c.lat)), ("lon", num(c.lon))] }
                m += [("capacity", num(Double(z.capacity))), ("bikes", num(Double(z.bikes)))]
                if z.overflow != .pile { m.append(("overflow", .string(z.overflow.rawValue))) }
                if !z.capacityWindows.isEmpty { m.append(("capacityWindows", capacityWindows(z.capacityWindows))) }
                if let given = z.bikesByOperator { m.append(("bikesByOperator", .object(given.map { ($0.operatorID, num(Double($0.bikes))) }))) }
                return .object(m)
            })
        }
        if tables {
            let flowRows = s.demand.flows.map { f in
                [f.from, f.to, JSONWriter.format(f.tripsPerDay), f.profile, f.minutes.map(JSONWriter.format) ?? ""]
            }
            files.append(("\(baseName)-od.csv", CSV.render(header: ScenarioFields.csvColumns(of: "demand.flows[]").all, rows: flowRows)))
            flowsValue = .string("\(baseName)-od.csv")
        } else {
            flowsValue = .array(s.demand.flows.map { f in
                var m: [(key: String, value: JSONValue)] = [("from", .string(f.from)), ("to", .string(f.to)),
                                                           ("tripsPerDay", num(f.tripsPerDay)), ("profile", .string(f.profile))]
                if let minutes = f.minutes { m.append(("minutes", num(minutes))) }
                return .object(m)
            })
        }
        let holding: [JSONValue] = s.holdingAreas.map { h in
            var m: [(key: String, value: JSONValue)] = [("id", .string(h.id)), ("name", .string(h.name))]
            if let c = h.coordinate { m += [("lat", num(c.lat)), ("lon", num(c.lon))] }
            m += [("capacity", num(Double(h.capacity))), ("bikes", num(Double(h.bikes)))]
            if let o = h.open { m.append(("open", window(o))) }
            return .object(m)
        }
        let d = s.demand
        var demandMembers: [(key: String, value: JSONValue)] = [("scale", num(d.scale)), ("walkMeters", num(d.walkMeters))]
        if !s.operators.isEmpty { demandMembers.append(("switchOperator", num(d.switchOperator))) }
        var top: [(key: String, value: JSONValue)] = [
            ("tidesim", num(1)), ("name", .string(s.name)), ("seed", num(Double(s.seed))), ("days", num(Double(s.days))),
            ("warmupDays", num(Double(s.warmupDays))), ("sampleMinutes", num(Double(s.sampleMinutes))),
        ]
        if let cap = s.fleetCap { top.append(("fleet", .object([("cap", num(Double(cap)))]))) }
        top += [
            ("zones", zonesValue),
            ("holdingAreas", .array(holding)),
            ("demand", .object(demandMembers + [
                ("ride", .object([("speedKmh", num(d.ride.speedKmh)), ("detour", num(d.ride.detour)),
                                  ("minMinutes", num(d.ride.minMinutes)), ("cv", num(d.ride.cv))])),
                ("profiles", .object(d.profiles.map { ($0.name, .array($0.weights.map(num))) })),
                ("flows", flowsValue),
            ])),
        ]
        func fleetValue(_ t: TruckFleet) -> JSONValue {
            var fleet: [(key: String, value: JSONValue)] = t.id.map { [("id", .string($0))] } ?? []
            fleet += [
                ("count", num(Double(t.count))), ("capacity", num(Double(t.capacity))), ("speedKmh", num(t.speedKmh)),
                ("detour", num(t.detour)), ("loadSeconds", num(t.loadSeconds)), ("depot", .string(t.depot)),
                ("shifts", .array(t.shifts.map(window))),
            ]
            if let km = t.maxOrderKm { fleet.append(("maxOrderKm", num(km))) }
            if let serves = t.serves { fleet.append(("serves", .array(serves.map { .string($0) }))) }
            return .object(fleet)
        }
        if s.fleetsListed {
            top.append(("trucks", .array(s.fleets.map(fleetValue))))
        } else if let t = s.fleets.first {
            top.append(("trucks", fleetValue(t)))
        }
        if !s.operators.isEmpty {
            top.append(("operators", .array(s.operators.map { op in
                var m: [(key: String, value: JSONValue)] = [("id", .string(op.id)), ("name", .string(op.name)), ("share", num(op.share)),
                                                           ("quota", num(Double(op.quota)))]
                if op.fleetsListed {
                    m.append(("trucks", .array(op.fleets.map(fleetValue))))
                } else if let t = op.fleets.first {
                    m.append(("trucks", fleetValue(t)))
                }
                if let name = op.policy { m.append(("policy", .string(name))) }
                return .object(m)
            })))
        }
        let p = s.policy
        var policy: [(key: String, value: JSONValue)] = [
            ("name", .string(p.name)), ("high", num(p.high)), ("target", num(p.target)), ("low", num(p.low)),
            ("everyMinutes", num(p.everyMinutes)), ("horizonMinutes", num(p.horizonMinutes)),
        ]
        if let t = p.releaseFrom { policy.append(("releaseFrom", .string(formatClock(t)))) }
        if p.clearanceMinutes != ScenarioFields.clearanceMinutes.defaultValue { policy.append(("clearanceMinutes", num(p.clearanceMinutes))) }
        if !p.zones.isEmpty {
            policy.append(("zones", .object(p.zones.map { o in
                var m: [(key: String, value: JSONValue)] = []
                if let v = o.high { m.append(("high", num(v))) }
                if let v = o.target { m.append(("target", num(v))) }
                if let v = o.low { m.append(("low", num(v))) }
                if let v = o.holdingArea { m.append(("holdingArea", .string(v))) }
                if let v = o.priority { m.append(("priority", num(v))) }
                return (o.zone, .object(m))
            })))
        }
        top.append(("policy", .object(policy)))
        if let c = s.costs {
            top.append(("costs", .object([("currency", .string(c.currency)), ("truckPerDay", num(c.truckPerDay)),
                                          ("holdingAreaPerDay", num(c.holdingAreaPerDay)), ("bikePerDay", num(c.bikePerDay))])))
        }
        return [("\(baseName).json", JSONWriter.render(.object(top)))] + files
    }
}
