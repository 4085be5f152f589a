import XCTest
@testable import TideSim
@testable @_spi(RawBytes) import TideSimBuffers
@testable import TideSimCore
@testable import TideSimModel
@testable import TideSimEngine
@testable import TideSimIO
@testable import TideSimReports

final class ScenarioTablesTests: XCTestCase {
    private func write(_ text: String, _ name: String, in dir: String) throws {
        try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
    }

    /// The problems loading a scenario reports, as the lines the user would see (none: it loads).
    private func problems(_ json: String, overrides: [String], directory: String) -> [String] {
        do { _ = try TestScenarios.load(json, overrides: overrides, directory: directory) } catch TideSimError.invalidScenario(let issues) {
            return issues.map(\.description)
        } catch { return ["\(error)"] }
        return []
    }

    private let json = #"{"tidesim":1,"zones":"zones.csv","demand":{"flows":"od.csv"}}"#

    func testZonesAndFlowsFromCSV() throws {
        let dir = try TestScenarios.temporaryDirectory(self)
        try write("id,name,kind,lat,lon,capacity,bikes\nm,\"Metro, exit B\",metro,30.5,114.4,120,40\nr,Estate,residential,,,300,\n", "zones.csv", in: dir)
        try write("from,to,tripsPerDay,profile,minutes\nr,m,600,commute-am,8\nm,r,550,,9.5\n", "od.csv", in: dir)
        let s = try TestScenarios.load(json, directory: dir)
        XCTAssertEqual(s.zones, [
            Zone(id: "m", name: "Metro, exit B", kind: "metro", coordinate: Coordinate(lat: 30.5, lon: 114.4), capacity: 120, bikes: 40, overflow: .pile),
            Zone(id: "r", name: "Estate", kind: "residential", coordinate: nil, capacity: 300, bikes: 0, overflow: .pile),
        ])
        XCTAssertEqual(s.demand.flows, [Flow(from: "r", to: "m", tripsPerDay: 600, profile: "commute-am", minutes: 8),
                                        Flow(from: "m", to: "r", tripsPerDay: 550, profile: "flat", minutes: 9.5)])
    }

    func testCSVErrorsNameFileLineAndColumn() throws {
        let dir = try TestScenarios.temporaryDirectory(self)
        try write("id,capacity\nm,120\nr,-3\n", "zones.csv", in: dir)
        try write("from,to,tripsPerDay,minutes\nr,m,600,8\nm,r,x,8\nm,metro-x,1,8\n", "od.csv", in: dir)
        do {
            _ = try TestScenarios.load(json, directory: dir)
            XCTFail("expected errors")
        } catch TideSimError.invalidScenario(let issues) {
            XCTAssertEqual(issues.map(\.description), [
                "\(dir)/zones.csv: line 3, column capacity: must be between 0 and 10000000, got -3",
                "\(dir)/od.csv: line 3, column tripsPerDay: expected a number, got 'x'",
                "\(dir)/od.csv: line 4, column to: unknown zone 'metro-x'",
            ])
        }
    }

    /// A table is kept as columns unless a `--set` reaches into it; then its rows are objects
    /// in the scenario tree, where the override can change them. Both give the same scenario and
    /// the same messages.
    func testTablesReadAsColumnsOrAsRowsAgree() throws {
        let dir = try TestScenarios.temporaryDirectory(self)
        try write("id,name,kind,lat,lon,capacity,bikes\nm,\"Metro, exit B\",metro,30.5,114.4,120,40\nr,Estate,residential,,,300,\n", "zones.csv", in: dir)
        try write("from,to,tripsPerDay,profile,minutes\nr,m,600,commute-am,8\nm,r,550,,9.5\n", "od.csv", in: dir)
        let columns = try TestScenarios.load(json, directory: dir)
        let rows = try TestScenarios.load(json, overrides: ["zones[m].bikes=40", "demand.scale=1"], directory: dir)
        XCTAssertEqual(columns.zones, rows.zones)
        XCTAssertEqual(columns.demand.flows, rows.demand.flows)
        // An override that changes a table's row reaches it.
        let changed = try TestScenarios.load(json, overrides: ["zones[r].capacity=250"], directory: dir)
        XCTAssertEqual(changed.zones.map(\.capacity), [120, 250])

        try write("id,capacity\nm,120\nr,-3\n", "zones.csv", in: dir)
        try write("from,to,tripsPerDay,minutes\nr,m,600,8\nm,r,x,8\nm,metro-x,1,8\n", "od.csv", in: dir)
        func messages(_ overrides: [String]) -> [String] { problems(json, overrides: overrides, directory: dir) }
        XCTAssertFalse(messages([]).isEmpty)
        XCTAssertEqual(messages([]), messages(["zones[m].bikes=0", "demand.scale=1"]))
    }

    /// Zones read straight from their cells (a table kept as columns) and field by field (rows as
    /// objects, once an override reaches the zones) agree: the same zones, and the same messages
    /// for every kind of row the quick reading leaves to the other.
    func testQuickZoneReadingAgreesWithTheFieldByFieldOne() throws {
        let dir = try TestScenarios.temporaryDirectory(self)
        let scenario = #"{"tidesim":1,"zones":"zones.csv","demand":{"flows":[{"from":"m","to":"r","tripsPerDay":10,"minutes":8}]}}"#
        let good = "id,name,kind,lat,lon,capacity,bikes,overflow\nm,Metro,metro,30.5,114.4,120,40,pile\nr,,,,,300,,\n101,7,estate,30.51,114.41,80,3,redirect\nd,Dock,,30.52,114.42,20,0,\n"
        try write(good, "zones.csv", in: dir)
        let columns = try TestScenarios.load(scenario, directory: dir)
        let rows = try TestScenarios.load(scenario, overrides: ["zones[0].capacity=120"], directory: dir)
        XCTAssertEqual(columns.zones.count, 4)
        XCTAssertEqual(columns.zones, rows.zones)
        XCTAssertEqual(columns.zones.map(\.id), ["m", "r", "101", "d"])
        XCTAssertEqual(columns.zones.map(\.name), ["Metro", "r", "7", "Dock"])
        XCTAssertEqual(columns.zones.map(\.kind), ["metro", "other", "estate", "other"])

        let bad = good + "a,,,30.5,,10,0,\nb,,,95,114,10,0,\nc,,,,,1.5,0,\ne,,,,,-3,0,\nf,,,,,10,0,redirect\ng,,,,,10,0,weird\nh,,,,,,0,\nm,,,,,10,0,\n"
        try write(bad, "zones.csv", in: dir)
        func messages(_ overrides: [String]) -> [String] { problems(scenario, overrides: overrides, directory: dir) }
        XCTAssertEqual(messages([]).count, 8, "\(messages([]))")
        XCTAssertEqual(messages([]), messages(["zones[0].capacity=120"]))
    }

    /// Flows read straight from their cells (a table kept as columns) and field by field (rows
    /// as objects, once an override reaches the demand) agree row by row: the same flows, and
    /// the same messages for every kind of row the quick reading leaves to the other.
    func testQuickFlowReadingAgreesWithTheFieldByFieldOne() throws {
        let dir = try TestScenarios.temporaryDirectory(self)
        let withLot = #"{"tidesim":1,"zones":"zones.csv","holdingAreas":[{"id":"lot","lat":30.5,"lon":114.41,"capacity":50}],"demand":{"profiles":{"mine":[\#(Array(repeating: "1", count: 24).joined(separator: ","))]},"flows":"od.csv"}}"#
        try write("id,lat,lon,capacity\nm,30.5,114.4,120\nr,30.51,114.4,300\nx,,,50\n", "zones.csv", in: dir)
        let good = "from,to,tripsPerDay,profile,minutes\nr,m,600,commute-am,8\nm,r,550,,\nr,m,3,mine,\nx,x,4,,\nx,m,5,flat,12\nm,r,0,,1440\n"
        try write(good, "od.csv", in: dir)
        let columns = try TestScenarios.load(withLot, directory: dir)
        let rows = try TestScenarios.load(withLot, overrides: ["demand.scale=1"], directory: dir)
        XCTAssertEqual(columns.demand.flows.count, 6)
        XCTAssertEqual(columns.demand.flows, rows.demand.flows)

        let bad = good + "r,m,2,nosuch,\nlot,m,1,,\nx,m,1,,\nm,r,1,,0\nm,r,,,\nm,r,2e9,,\nr,zz,1,,\n"
        try write(bad, "od.csv", in: dir)
        func messages(_ overrides: [String]) -> [String] { problems(withLot, overrides: overrides, directory: dir) }
        XCTAssertEqual(messages([]).count, 7, "\(messages([]))")
        XCTAssertEqual(messages([]), messages(["demand.scale=1"]))
    }

    /// Zone ids found by their bytes: every id at its first position, absent ones nil, in
    /// tables big enough for many collisions, with ids of every length and non-ASCII ones.
    func testIDIndexFindsEveryIDLikeADictionary() {
        var ids = (0..<5_000).map { "z\($0)" } + ["", "光谷广场", "a,b", "z1", "very-long-identifier-beyond-fifteen-bytes"]
        ids.append("光谷广场")
        let index = IDIndex(ids)
        var first: [String: Int] = [:]
        for (i, id) in ids.enumerated() where first[id] == nil { first[id] = i }
        for id in Set(ids) { XCTAssertEqual(index[id], first[id], id) }
        for id in ["z5000", "Z1", "光谷", "z01", " z1"] { XCTAssertNil(index[id], id) }
        XCTAssertNil(IDIndex([])["a"])
    }

    func testCSVHeaderAndShapeErrors() throws {
        let dir = try TestScenarios.temporaryDirectory(self)
        try write("id,capcity\nm,120\n", "zones.csv", in: dir)
        try write("from,to,tripsPerDay\nr,m\n", "od.csv", in: dir)
        do {
            _ = try TestScenarios.load(json, directory: dir)
            XCTFail("expected errors")
        } catch TideSimError.invalidScenario(let issues) {
            XCTAssertEqual(issues.map(\.description), [
                "\(dir)/zones.csv: line 1: unknown column 'capcity' (did you mean 'capacity'?); expected columns id,name,kind,lat,lon,capacity,bikes,overflow",
                "\(dir)/zones.csv: line 1: missing column 'capacity'",
                "\(dir)/od.csv: line 2: expected 3 fields as in the header, got 2",
            ])
        }
    }

    func testNonFiniteCellsAreErrors() throws {
        let dir = try TestScenarios.temporaryDirectory(self)
        try write("id,capacity,lat,lon\nm,inf,30.5,114.4\nr,10,nan,114.4\n", "zones.csv", in: dir)
        try write("from,to,tripsPerDay,minutes\nr,m,1e999,5\n", "od.csv", in: dir)
        do {
            _ = try TestScenarios.load(json, directory: dir)
            XCTFail("expected errors")
        } catch TideSimError.invalidScenario(let issues) {
            XCTAssertEqual(issues.map(\.description), [
                "\(dir)/zones.csv: line 2, column capacity: expected a whole number, got 'inf'",
                "\(dir)/zones.csv: line 3, column lat: expected a number, got 'nan'",
                "\(dir)/od.csv: line 2, column tripsPerDay: expected a number, got '1e999'",
            ])
        }
    }

    func testMissingTableIsInputMissing() throws {
        let dir = try TestScenarios.temporaryDirectory(self)
        XCTAssertThrowsError(try TestScenarios.load(json, directory: dir)) { error in
            guard case TideSimError.inputMissing(let path, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(path, dir + "/zones.csv")
        }
    }
}
