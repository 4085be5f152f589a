import TideSimEngine
import TideSimModel
import TideSimCore
import TideSimBuffers
import Foundation

/// A scenario from a GBFS feed (v2.0-v2.3 and v3.0) saved as files in a directory: the stations
/// become docked zones (zone id = `station_id`, so trip records join by id), virtual stations and
/// free-floating vehicles become dockless zones. See docs/real-data.md for every rule.
public enum GBFSImport {
    /// Choices the feed does not make.
    public struct Settings: Sendable {
        /// Side of the grid cells free-floating vehicles are grouped into, in metres.
        public var cellMeters = 100.0
        /// The city's parking cap of a dockless zone (a grid cell, or a virtual station without a
        /// capacity in the feed).
        public var docklessCapacity = 40
        public init() {}
    }

    /// What was imported and what could not be placed.
    public struct Summary: Sendable, Equatable {
        public var version = ""
        public var stations = 0
        public var virtualStations = 0
        public var cells = 0
        /// Rentable bikes placed in station zones and in cells.
        public var bikesAtStations = 0
        public var bikesInCells = 0
        /// Vehicles not placed because they are disabled or reserved (not rentable).
        public var disabledOrReserved = 0
        /// Vehicles naming a station the feed does not list.
        public var atUnknownStation = 0
        /// Vehicles with neither a station nor a position.
        public var withoutPosition = 0
        /// Stations with no entry in station_status (kept with 0 bikes).
        public var stationsWithoutStatus = 0
        /// Stations without a capacity in the feed and without status to infer it from (left out).
        public var stationsWithoutCapacity = 0
        /// Station statuses for stations station_information does not list, and the rentable
        /// bikes they report (not placed: there is no position for them).
        public var statusWithoutStation = 0
        public var bikesAtUnknownStations = 0
        /// Stations the status says are not installed (left out), and the bikes reported there.
        public var notInstalled = 0
        public var bikesNotInstalled = 0
        /// Stations not renting: kept, taking returns, with their bikes out of service (not placed).
        public var notRenting = 0
        public var bikesNotRenting = 0
        /// Stations not taking returns: kept, full (capacity = the bikes they hold), so a rider
        /// returning there rides on to the nearest station with a free dock.
        public var notReturning = 0
        /// Whether the feed has station_information but no station_status (stations start empty).
        public var statusMissing = false
        /// Geofencing zones read, and cells whose centre lies where a ride may not end.
        public var geofencingZones = 0
        public var noParkingCells = 0

        /// What could not be placed, for the one-line note on stderr; nil when everything was.
        public var unplacedNote: String? {
            let parts = [
                (atUnknownStation, "vehicle", "vehicles", " at an unknown station"),
                (withoutPosition, "vehicle", "vehicles", " without a station or position"),
                (stationsWithoutStatus, "station", "stations", " without status (0 bikes)"),
                (stationsWithoutCapacity, "station", "stations", " without capacity or status (left out)"),
                (statusWithoutStation, "status entry", "status entries",
                 " for stations station_information does not list, with \(NumberFormat.number(Double(bikesAtUnknownStations))) rentable bikes"),
                (notInstalled, "station", "stations", " not installed (left out, with \(NumberFormat.number(Double(bikesNotInstalled))) bikes)"),
                (notRenting, "station", "stations", " not renting (kept; their \(NumberFormat.number(Double(bikesNotRenting))) bikes out of service)"),
                (notReturning, "station", "stations", " not taking returns (kept full)"),
            ].filter { $0.0 > 0 }.map { "\(NumberFormat.number(Double($0.0))) \($0.0 == 1 ? $0.1 : $0.2)" + $0.3 }
            return parts.isEmpty ? nil : parts.joined(separator: ", ")
        }

        /// Advice when the feed has stations but no status: they start empty.
        public var statusAdvice: String? {
            statusMissing && stations > 0
                ? "no station_status.json: the \(NumberFormat.number(Double(stations))) stations start with 0 bikes; add the feed's status file, or give the fleet with --fleet N when you run"
                : nil
        }
    }

    /// The files of a feed that the import reads, where present.
    public static let fileNames = ["station_information.json", "station_status.json", "vehicle_status.json", "free_bike_status.json",
                                   "geofencing_zones.json", "system_information.json"]

    /// Reads the feed in `directory` and builds a scenario without demand.
    /// - Throws: ``TideSimError``: `inputMissing` (exit 66) for a missing directory or a feed
    ///   with neither stations nor vehicles; `invalidScenario` naming the file and JSON path of
    ///   malformed content (exit 65).
    public static func load(directory: String, settings: Settings = Settings()) throws(TideSimError) -> (Scenario, Summary) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            throw .inputMissing(path: directory, reason: "no such directory")
        }
        guard isDirectory.boolValue else { throw .inputMissing(path: directory, reason: "is not a directory; expected the directory of a GBFS feed") }
        func path(_ name: String) -> String? {
            let p = FilePath.join(directory, name)
            return FileManager.default.fileExists(atPath: p) ? p : nil
        }
        let infoPath = path("station_information.json"), statusPath = path("station_status.json")
        let vehiclesPath = path("vehicle_status.json") ?? path("free_bike_status.json")
        guard infoPath != nil || vehiclesPath != nil else {
            throw .inputMissing(path: directory, reason: "holds no station_information.json, free_bike_status.json or vehicle_status.json")
        }
        var summary = Summary()
        var zones: [Zone] = []

        // Stations.
        var stationIndex: [String: Int] = [:]
        if let infoPath {
            let doc = try Document(path: infoPath)
            summary.version = doc.version
            var status: [String: (bikes: Int, disabledBikes: Int, docks: Int, disabledDocks: Int, installed: Bool, renting: Bool, returning: Bool)] = [:]
            summary.statusMissing = statusPath == nil
            if let statusPath {
                let s = try Document(path: statusPath)
                for (i, st) in try s.array("stations").enumerated() {
                    let p = "data.stations[\(i)]"
                    let id = try s.id(st, "station_id", at: p)
                    let bikes = try s.int(st, ["num_vehicles_available", "num_bikes_available"], at: p) ?? 0
                    // GBFS: is_installed, is_renting and is_returning are booleans (v1 feeds wrote 1 and 0).
                    func flag(_ key: String) -> Bool {
                        switch st[key] {
                        case .bool(let b)?: return b
                        case .number(let x)?: return x != 0
                        default: return true
                        }
                    }
                    status[id] = (bikes, try s.int(st, ["num_vehicles_disabled", "num_bikes_disabled"], at: p) ?? 0,
                                  try s.int(st, ["num_docks_available"], at: p) ?? 0, try s.int(st, ["num_docks_disabled"], at: p) ?? 0,
                                  flag("is_installed"), flag("is_renting"), flag("is_returning"))
                }
            }
            var seen = Set<String>()
            for (i, st) in try doc.array("stations").enumerated() {
                let p = "data.stations[\(i)]"
                let id = try doc.id(st, "station_id", at: p)
                guard seen.insert(id).inserted else { throw doc.issue(p + ".station_id", "station \(Quote.input(id)) is listed twice") }
                let lat = try doc.number(st, "lat", at: p), lon = try doc.number(st, "lon", at: p)
                guard let lat, let lon, abs(lat) <= 90, abs(lon) <= 180 else { throw doc.issue(p, "expected lat and lon of the station in degrees") }
                let isVirtual = st["is_virtual_station"] == .bool(true)
                // Docks: the feed's capacity, else every bike and dock the status counts. The zone
                // takes the usable ones: a dock held by a disabled bike or out of service takes no return.
                let docks = try doc.int(st, ["capacity"], at: p) ?? typeCapacity(st)
                let s = status[id]
                if s == nil { summary.stationsWithoutStatus += 1 }
                if let s, !s.installed {
                    summary.notInstalled += 1
                    summary.bikesNotInstalled += s.bikes
                    continue
                }
                var capacity: Int?
                if isVirtual {
                    capacity = docks ?? settings.docklessCapacity
                } else if let s {
                    let total = docks ?? (s.bikes + s.disabledBikes + s.docks + s.disabledDocks)
                    capacity = max(s.bikes + s.docks, total - s.disabledBikes - s.disabledDocks)
                } else {
                    capacity = docks
                }
                guard var capacity else { summary.stationsWithoutCapacity += 1; continue }
                var bikes = s?.bikes ?? 0
                if let s, !s.renting {
                    summary.notRenting += 1
                    summary.bikesNotRenting += bikes
                    bikes = 0
                }
                if let s, !s.returning && !isVirtual {
                    summary.notReturning += 1
                    capacity = bikes
                }
                stationIndex[id] = zones.count
                zones.append(Zone(id: id, name: doc.text(st["name"]) ?? id, kind: isVirtual ? "virtual station" : "station",
                                  coordinate: Coordinate(lat: lat, lon: lon), capacity: capacity, bikes: bikes,
                                  overflow: isVirtual ? .pile : .redirect))
                summary.stations += 1
                if isVirtual { summary.virtualStations += 1 }
                summary.bikesAtStations += bikes
            }
            let unknown = status.filter { !seen.contains($0.key) }
            summary.statusWithoutStation = unknown.count
            summary.bikesAtUnknownStations = unknown.values.reduce(0) { $0 + $1.bikes }
        }

        // Free-floating vehicles, grouped into grid cells.
        var cellBikes: [CellKey: Int] = [:]
        let grid = Grid(cellMeters: settings.cellMeters)
        if let vehiclesPath {
            let doc = try Document(path: vehiclesPath)
            if summary.version.isEmpty { summary.version = doc.version }
            let list = doc.data["vehicles"] != nil ? try doc.array("vehicles") : try doc.array("bikes")
            for (i, v) in list.enumerated() {
                let p = "data.\(doc.data["vehicles"] != nil ? "vehicles" : "bikes")[\(i)]"
                if v["is_disabled"] == .bool(true) || v["is_reserved"] == .bool(true) { summary.disabledOrReserved += 1; continue }
                if case .string(let station)? = v["station_id"] {
                    // Counted in station_status already (GBFS counts docked and virtual-station
                    // vehicles there); one at a station the feed does not list cannot be placed.
                    if stationIndex[station] == nil { summary.atUnknownStation += 1 }
                    continue
                }
                guard let lat = try doc.number(v, "lat", at: p), let lon = try doc.number(v, "lon", at: p) else { summary.withoutPosition += 1; continue }
                guard abs(lat) <= 90, abs(lon) <= 180 else { throw doc.issue(p, "expected lat and lon in degrees, got \(lat), \(lon)") }
                cellBikes[grid.cell(lat: lat, lon: lon), default: 0] += 1
            }
        }

        // Geofencing: where a ride may not end, a cell can hold no bike (capacity 0).
        var noParking: [[[Coordinate]]] = []
        if let geoPath = path("geofencing_zones.json") {
            let doc = try Document(path: geoPath)
            (noParking, summary.geofencingZones) = try doc.noParkingPolygons()
        }
        for key in cellBikes.keys.sorted() {
            let centre = grid.centre(key)
            let blocked = noParking.contains { Polygon.contains($0, centre) }
            if blocked { summary.noParkingCells += 1 }
            let id = "g\(format(centre.lat))_\(format(centre.lon))"
            zones.append(Zone(id: id, name: "cell at \(format(centre.lat)), \(format(centre.lon))", kind: blocked ? "no parking" : "dockless",
                              coordinate: centre, capacity: blocked ? 0 : settings.docklessCapacity, bikes: cellBikes[key]!, overflow: .pile))
            summary.bikesInCells += cellBikes[key]!
        }
        summary.cells = cellBikes.count

        var name = FilePath.lastComponent(directory)
        if let sysPath = path("system_information.json"), let doc = try? Document(path: sysPath), let n = doc.text(doc.data["name"]) { name = n }
        var policy = PolicySettings.defaults
        policy.name = "none"
        let scenario = Scenario(name: name, seed: 1, days: 1, warmupDays: 0, sampleMinutes: 15, fleetCap: nil, zones: zones, holdingAreas: [],
                                demand: Demand(scale: 1, walkMeters: 0, ride: .defaults, profiles: [], flows: []),
                                trucks: nil, policy: policy)
        return (scenario, summary)
    }

    /// A capacity from per-type counts (v2.3 `vehicle_type_capacity`, v3.0
    /// `vehicle_types_capacity` / `vehicle_docks_capacity`), or nil.
    private static func typeCapacity(_ st: JSONValue) -> Int? {
        // A count that is not a whole number from 0 to 10^9 is not a capacity: it is skipped.
        func count(_ value: JSONValue?) -> Int {
            if case .number(let x)? = value, x >= 0, x < 1e9, x == x.rounded() { return Int(x) }
            return 0
        }
        if case .object(let m)? = st["vehicle_type_capacity"] {
            return m.reduce(0) { $0 + count($1.value) }
        }
        for key in ["vehicle_docks_capacity", "vehicle_types_capacity"] {
            if case .array(let items)? = st[key] {
                return items.reduce(0) { $0 + count($1["count"]) }
            }
        }
        return nil
    }

    private static func format(_ x: Double) -> String { String(format: "%.5f", x) }

    /// One feed file: its `data` object and version, with typed field readers that name the file
    /// and JSON path of what is wrong.
    struct Document {
        let file: String
        let data: JSONValue
        let version: String

        init(path: String) throws(TideSimError) {
            file = path
            let text = try ScenarioLoader.readText(path)
            let root: JSONValue
            do { root = try JSONParser.parse(text) } catch {
                throw .invalidScenario([ScenarioIssue(Place(file: path), "not valid JSON: \(error)")])
            }
            guard case .object? = root["data"] else {
                throw .invalidScenario([ScenarioIssue(Place(file: path), "expected a GBFS file: an object with a data member")])
            }
            data = root["data"]!
            if case .string(let v)? = root["version"] { version = v } else { version = "2.0" }
        }

        func issue(_ path: String, _ message: String) -> TideSimError {
            .invalidScenario([ScenarioIssue(Place(file: file, jsonPath: path, csvLine: nil, csvColumn: nil), message)])
        }

        func array(_ key: String) throws(TideSimError) -> [JSONValue] {
            guard case .array(let items)? = data[key] else { throw issue("data.\(key)", "expected an array") }
            return items
        }

        func id(_ item: JSONValue, _ key: String, at path: String) throws(TideSimError) -> String {
            switch item[key] {
            case .string(let s)? where !s.isEmpty: return s
            // Some v1/v2 feeds write ids as numbers: whole ones that JSON keeps exact (|x| <= 2^53 - 1).
            case .number(let x)? where x == x.rounded() && abs(x) <= 9_007_199_254_740_991: return String(Int(x))
            case .number(let x)?: throw issue("\(path).\(key)", "expected a station id (a string, or a whole number of at most 2^53 - 1), got \(x)")
            default: throw issue("\(path).\(key)", "expected a station id (a string)")
            }
        }

        func number(_ item: JSONValue, _ key: String, at path: String) throws(TideSimError) -> Double? {
            switch item[key] {
            case nil, .null?: return nil
            case .number(let x)?: return x
            case .string(let s)?: if let x = Double(s) { return x }
            default: break
            }
            throw issue("\(path).\(key)", "expected a number")
        }

        /// The first of `keys` present, as a non-negative whole number.
        func int(_ item: JSONValue, _ keys: [String], at path: String) throws(TideSimError) -> Int? {
            for key in keys {
                guard let x = try number(item, key, at: path) else { continue }
                guard x >= 0, x == x.rounded(), x < 1e9 else { throw issue("\(path).\(key)", "expected a whole number of at least 0, got \(x)") }
                return Int(x)
            }
            return nil
        }

        /// A name: a string (v2) or the first of localised strings (v3, English preferred).
        func text(_ value: JSONValue?) -> String? {
            switch value {
            case .string(let s)?: return s
            case .array(let items)?:
                let texts = items.compactMap { item -> (String, String)? in
                    if case .string(let t)? = item["text"] { if case .string(let l)? = item["language"] { return (l, t) }; return ("", t) }
                    return nil
                }
                return (texts.first { $0.0.hasPrefix("en") } ?? texts.first)?.1
            default: return nil
            }
        }

        /// The polygons (outer rings) of zones where a ride may not end: a rule with
        /// `ride_end_allowed: false` (v3.0) or `ride_allowed: false` (v2.x), whatever vehicle
        /// types it names. Returns them and the number of zones read.
        func noParkingPolygons() throws(TideSimError) -> ([[[Coordinate]]], Int) {
            guard case .object? = data["geofencing_zones"], case .array(let features)? = data["geofencing_zones"]?["features"] else {
                throw issue("data.geofencing_zones.features", "expected a GeoJSON FeatureCollection with features")
            }
            var result: [[[Coordinate]]] = []
            for (i, f) in features.enumerated() {
                var blocked = false
                if case .array(let rules)? = f["properties"]?["rules"] {
                    blocked = rules.contains { $0["ride_end_allowed"] == .bool(false) || $0["ride_allowed"] == .bool(false) }
                }
                guard blocked else { continue }
                guard let geometry = f["geometry"], case .array(let coords)? = geometry["coordinates"] else {
                    throw issue("data.geofencing_zones.features[\(i)].geometry", "expected a Polygon or MultiPolygon")
                }
                let polygons = geometry["type"] == .string("Polygon") ? [JSONValue.array(coords)] : coords
                for polygon in polygons {
                    guard case .array(let rings) = polygon, case .array(let outer)? = rings.first else { continue }
                    let ring = outer.compactMap { point -> Coordinate? in
                        guard case .array(let xy) = point, xy.count >= 2, case .number(let lon) = xy[0], case .number(let lat) = xy[1] else { return nil }
                        return Coordinate(lat: lat, lon: lon)
                    }
                    if ring.count >= 3 { result.append([ring]) }
                }
            }
            return (result, features.count)
        }
    }

    /// A grid cell.
    struct CellKey: Hashable, Comparable {
        let row: Int, column: Int
        static func < (a: CellKey, b: CellKey) -> Bool { (a.row, a.column) < (b.row, b.column) }
    }

    /// Square cells of a side in metres: rows are bands of latitude, and each row divides its
    /// longitudes at the cosine of its own latitude, so cells stay square at any latitude and a
    /// vehicle's cell depends on its position alone.
    struct Grid {
        let cellDegreesLat: Double
        let cellMeters: Double
        init(cellMeters: Double) {
            self.cellMeters = cellMeters
            cellDegreesLat = cellMeters / (Coordinate.earthRadiusMeters * Double.pi / 180)
        }
        /// Longitude degrees of a cell in row `row` (the row's latitude sets the scale).
        func cellDegreesLon(row: Int) -> Double {
            let lat = (Double(row) + 0.5) * cellDegreesLat
            return cellDegreesLat / max(0.01, cos(lat * Double.pi / 180))
        }
        func cell(lat: Double, lon: Double) -> CellKey {
            let row = Int((lat / cellDegreesLat).rounded(.down))
            return CellKey(row: row, column: Int((lon / cellDegreesLon(row: row)).rounded(.down)))
        }
        func centre(_ k: CellKey) -> Coordinate {
            Coordinate(lat: (Double(k.row) + 0.5) * cellDegreesLat, lon: (Double(k.column) + 0.5) * cellDegreesLon(row: k.row))
        }
    }
}
