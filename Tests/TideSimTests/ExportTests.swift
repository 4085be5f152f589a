import XCTest
@testable import TideSim
@testable @_spi(RawBytes) import TideSimBuffers
@testable import TideSimCore
@testable import TideSimModel
@testable import TideSimEngine
@testable import TideSimIO
@testable import TideSimReports

/// The writers of a finished report: CSV tables, the JSON document, clock times, output directories.
final class ExportTests: XCTestCase {
    func report(replications: Int = 2) throws -> RunReport {
        let model = Model(try TestScenarios.load(TestScenarios.base))
        let results = Replications.run(model: model, policy: "threshold", seed: 3, count: replications, recordTimeSeries: true)
        return RunReport(model: model, policy: "threshold", seed: 3, replications: results)
    }

    func testRunTimesReadAsTheDayAndClock() {
        XCTAssertEqual(formatRunTime(0, days: 1), "00:00")
        XCTAssertEqual(formatRunTime(8 * 3600 + 59 * 60 + 59.9, days: 1), "08:59")
        XCTAssertEqual(formatRunTime(86_400, days: 1), "24:00", "the end of a one-day run")
        XCTAssertEqual(formatRunTime(86_400 + 7 * 3600, days: 2), "day 2 07:00")
        XCTAssertEqual(formatRunTime(86_400, days: 2), "day 1 24:00")
        XCTAssertEqual(formatRunTime(86_399.5, days: 1), "23:59")
    }

    func testZoneTableHasARowPerReplicationAndZoneWithEveryKPI() throws {
        let r = try report()
        let t = ReportTables.zones(r)
        XCTAssertEqual(t.header, ["replication", "zone", "name", "kind", "capacity", "overflowBikeHours", "minutesOverCapacity",
                                  "emptyMinutes", "peakPressure", "meanBikes", "rentals", "returns", "lostRentals", "walkedFrom",
                                  "failedReturns", "overflowEpisodes", "longestOverflowMinutes", "clearanceBreaches", "peakTime",
                                  "firstOverCapacity", "lastOverCapacity"])
        XCTAssertEqual(t.rows.count, 2 * 2)
        XCTAssertEqual(t.rows.map { $0[0] + $0[1] }, ["1a", "1b", "2a", "2b"])
        for row in t.rows {
            XCTAssertEqual(row.count, t.header.count)
            // A zone over capacity has a first and last time; one never over has neither.
            let episodes = Double(row[t.header.firstIndex(of: "overflowEpisodes")!])!
            XCTAssertEqual(row[t.header.firstIndex(of: "firstOverCapacity")!].isEmpty, episodes == 0)
        }
    }

    func testSystemTableAndJSONCarryEveryKPIInTableOrder() throws {
        let r = try report()
        let t = ReportTables.system(r)
        XCTAssertEqual(t.header, ["replication"] + SystemKPI.allCases.map(\.key))
        XCTAssertEqual(t.rows.count, 2)
        XCTAssertEqual(t.rows[1][1 + SystemKPI.fleet.rawValue], "10")
        guard case .object(let doc) = ReportJSON.document(r), case .object(let system)? = doc.first(where: { $0.key == "system" })?.value
        else { return XCTFail("not an object") }
        XCTAssertEqual(system.map(\.key), SystemKPI.allCases.map(\.key))
        XCTAssertEqual(doc.map(\.key), ["tidesim", "scenario", "scenarioFile", "policy", "seed", "replications", "whatIfs", "days", "warmupDays", "fleetCap",
                                        "system", "zones", "holdingAreas"])
    }

    /// Each sample's rows add up to the fleet: zones, holding areas, riding and trucks.
    func testTimeSeriesRowsOfASampleAddUpToTheFleet() throws {
        let r = try report(replications: 1)
        let t = ReportTables.timeSeries(r)
        let bikes = t.header.firstIndex(of: "bikes")!, minute = t.header.firstIndex(of: "minute")!
        var perSample: [String: Int] = [:]
        for row in t.rows { perSample[row[minute], default: 0] += Int(row[bikes])! }
        XCTAssertEqual(perSample.count, 96)
        XCTAssertEqual(Set(perSample.values), [r.model.fleet])
        XCTAssertEqual(t.rows.count, 96 * (2 + 1 + 2), "2 zones, 1 holding area, riding and trucks")
    }

    /// The base scenario with zone b renamed to an id that needs quoting and looks like a formula.
    private let awkwardIDs = TestScenarios.base.replacingOccurrences(of: #""id": "b""#, with: #""id": "=b, \"q\"""#)
        .replacingOccurrences(of: #""to": "b""#, with: #""to": "=b, \"q\"""#)
        .replacingOccurrences(of: #""from": "b""#, with: #""from": "=b, \"q\"""#)
        .replacingOccurrences(of: #""zones": { "b": "#, with: #""zones": { "=b, \"q\"": "#)

    /// Writes a table through a 100-byte buffer and checks the file is exactly its rows rendered;
    /// returns the file's text.
    @discardableResult
    private func assertWritesItsRows(_ table: CSVTable, spreadsheetSafe safe: Bool, line: UInt = #line) throws -> String {
        let dir = try TestScenarios.temporaryDirectory(self)
        try OutputDirectory.write([table.file], to: dir, spreadsheetSafe: safe, bufferBytes: 100)
        let written = try String(contentsOfFile: dir + "/" + table.name, encoding: .utf8)
        let rows = safe ? table.rows.map { $0.map(CSV.spreadsheetSafe) } : table.rows
        XCTAssertEqual(written, CSV.render(header: table.header, rows: rows), "\(table.name), spreadsheetSafe \(safe)", line: line)
        return written
    }

    /// The byte writers of the tables (`timeseries.csv`, `zones.csv`, and the sink's row writer
    /// for the others) write exactly what the rows say, with and without `--spreadsheet-safe`,
    /// through a buffer small enough to fill many times.
    func testTableByteWritersMatchTheirRows() throws {
        let json = awkwardIDs
        // One day, and three (clock times written as "day N HH:MM").
        for overrides in [[], ["days=3", "warmupDays=1"]] {
            let model = Model(try TestScenarios.load(json, overrides: overrides))
            let report = RunReport(model: model, policy: "threshold", seed: 3,
                                   replications: Replications.run(model: model, policy: "threshold", seed: 3, count: 2, recordTimeSeries: true))
            let tables = [ReportTables.timeSeries(report), ReportTables.zones(report), ReportTables.system(report),
                          ReportTables.holdingAreas(report), ReportTables.transfers(report)]
            if !overrides.isEmpty { XCTAssertTrue(ReportTables.zones(report).rows.contains { $0.contains { $0.hasPrefix("day 2 ") } }) }
            for table in tables {
                for safe in [false, true] {
                    let written = try assertWritesItsRows(table, spreadsheetSafe: safe)
                    if ["timeseries.csv", "zones.csv"].contains(table.name) {
                        XCTAssertTrue(written.contains(safe ? #"'=b, ""q"""# : #""=b, ""q""""#), table.name)
                    }
                }
            }
        }
    }

    /// The tables of `compare --out` (run tables stacked under a `policy` column, written by the
    /// run tables' byte writers with the policy as each row's lead) are exactly their rows.
    func testComparisonTablesWriteTheirRows() throws {
        let model = Model(try TestScenarios.load(awkwardIDs))
        let report = ComparisonReport.run(model: model, policies: ["none", "threshold"], seed: 4, replications: 2, threads: 1)
        XCTAssertGreaterThan(ComparisonTables.transfers(report).rows.count, 0)
        for table in [ComparisonTables.system(report), ComparisonTables.zones(report), ComparisonTables.transfers(report),
                      ComparisonTables.paired(report)] {
            for safe in [false, true] { try assertWritesItsRows(table, spreadsheetSafe: safe) }
        }
    }

    /// The documents written piece by piece (`run --json`, `compare --json` with and without
    /// `--variant`, `zones.geojson`) are exactly the
    /// rendering of their value trees, pretty or not, with holding areas and without, with a
    /// zone that has no coordinates, what-ifs, a fleet cap and a seed beyond 2^53.
    func testStreamedDocumentsEqualTheirTrees() throws {
        let plain = Model(try TestScenarios.load(TestScenarios.base))
        let capped = Model(try TestScenarios.load(TestScenarios.base, overrides: ["fleet.cap=500", "demand.scale=1.1",
                                                                                          #"costs={"truckPerDay":800,"bikePerDay":2.5}"#]))
        for model in [plain, capped] {
            for count in [1, 3] {
                var report = RunReport(model: model, policy: "threshold", seed: 1 << 60 + 7,
                                       replications: Replications.run(model: model, policy: "threshold", seed: 9, count: count))
                report.provenance.whatIfs = ["demand.scale=1.1", "a \"quoted\" one"]
                XCTAssertEqual(ReportJSON.render(report), JSONWriter.render(ReportJSON.document(report)))
                let comparison = ComparisonReport(runs: [report, RunReport(model: model, policy: "none", seed: 1 << 60 + 7,
                                                                            replications: Replications.run(model: model, seed: 9, count: count))])
                XCTAssertEqual(ComparisonJSON.render(comparison), JSONWriter.render(ComparisonJSON.document(comparison)))
                let variants = VariantComparison(variants: [.init(name: "now", whatIfs: [], comparison: comparison),
                                                            .init(name: "more \"trucks\"", whatIfs: ["trucks.count=3"], comparison: comparison)])
                XCTAssertEqual(VariantJSON.render(variants), JSONWriter.render(VariantJSON.document(variants)))
                XCTAssertEqual(GeoJSON.zones(report), JSONWriter.render(GeoJSON.document(report)))
                XCTAssertTrue(GeoJSON.zones(report).contains(#""coordinates": ["#))
            }
        }
        // The streaming pieces in one-line form, and empty containers.
        var w = JSONWriter(pretty: false)
        w.beginObject(); w.key("a"); w.beginArray(inline: false); w.endArray()
        w.key("b"); w.beginObject(); w.endObject(); w.member("c", 1.5); w.endObject()
        XCTAssertEqual(w.finish(), JSONWriter.render(.object([("a", .array([])), ("b", .object([])), ("c", .number(1.5))]), pretty: false))
    }

    func testKPITableDeclaresEveryKPIOnce() {
        XCTAssertEqual(Set(SystemKPI.allCases.map(\.key)).count, SystemKPI.allCases.count)
        XCTAssertEqual(Set(ZoneKPI.allCases.map(\.key)).count, ZoneKPI.allCases.count)
        XCTAssertEqual(SystemKPI.clearanceBreaches.info.scope, .perDay)
        XCTAssertEqual(SystemKPI.turnover.info.scope, .perDay)
        XCTAssertTrue(SystemKPI.serviceLevel.info.percent)
        XCTAssertEqual(ZoneKPI.minutesOverCapacity.info.label, "minutes over capacity")
    }

    /// A set of files lands whole; a file that cannot be created leaves no temporary file behind.
    func testOutputDirectoryWritesWholeOrLeavesNoTemporaryFiles() throws {
        let dir = try TestScenarios.temporaryDirectory(self) + "/out"
        try OutputDirectory.write([("a.csv", "x\r\n"), ("b.csv", "y\r\n")], to: dir)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).sorted(), ["a.csv", "b.csv"])
        XCTAssertEqual(try String(contentsOfFile: dir + "/b.csv", encoding: .utf8), "y\r\n")
        XCTAssertThrowsError(try OutputDirectory.write([("c.csv", "z"), ("no/such/dir.csv", "w")], to: dir))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).sorted(), ["a.csv", "b.csv"])
        // Directories the failed write created (two levels here) are removed again.
        let fresh = dir + "/new/deeper"
        XCTAssertThrowsError(try OutputDirectory.write([("c.csv", "z"), ("bad/name.csv", "w")], to: fresh))
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/new"))
        // A file the set would replace stays as it was when another file of the set cannot be placed.
        try FileManager.default.createDirectory(atPath: dir + "/z.csv", withIntermediateDirectories: false)
        XCTAssertThrowsError(try OutputDirectory.write([("a.csv", "new"), ("z.csv", "w")], to: dir))
        XCTAssertEqual(try String(contentsOfFile: dir + "/a.csv", encoding: .utf8), "x\r\n")
    }
}

extension GeoJSON {
    /// The GeoJSON document as a value tree, to check the streamed writer against.
    static func document(_ report: RunReport) -> JSONValue {
        let m = report.model
        func point(_ c: Coordinate) -> JSONValue {
            .object([("type", .string("Point")), ("coordinates", .array([.number(c.lon), .number(c.lat)]))])
        }
        func feature(_ c: Coordinate, _ properties: ((JSONWriter.Key, JSONValue) -> Void) -> Void) -> JSONValue {
            var props: [(key: String, value: JSONValue)] = []
            properties { props.append(($0.name, $1)) }
            return .object([("type", .string("Feature")), ("geometry", point(c)), ("properties", .object(props))])
        }
        var features: [JSONValue] = []
        for z in 0..<m.zoneCount { if let c = m.zoneCoordinate[z] { features.append(feature(c) { zoneProperties(report, z, $0) }) } }
        for h in 0..<m.holdingCount { if let c = m.holdingCoordinate[h] { features.append(feature(c) { holdingProperties(report, h, $0) }) } }
        return .object([("type", .string("FeatureCollection")), ("provenance", report.provenance.json), ("features", .array(features))])
    }
}
