import Foundation
import XCTest
@testable import TideSim
@testable @_spi(RawBytes) import TideSimBuffers
@testable import TideSimCore
@testable import TideSimModel
@testable import TideSimEngine
@testable import TideSimIO
@testable import TideSimReports

/// Calibration, replay and GBFS import, with exact answers on hand-made records and feeds and
/// checks on slices of real data (Tests/Fixtures).
final class RealDataTests: XCTestCase {
    static let fixtures = TestScenarios.packageRoot + "/Tests/Fixtures"

    private func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tidesim-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    private static let threeZones = """
        { "tidesim": 1, "name": "three",
          "zones": [ { "id": "a", "lat": 30.500, "lon": 114.40, "capacity": 10, "bikes": 5 },
                     { "id": "b", "lat": 30.510, "lon": 114.40, "capacity": 10, "bikes": 5 },
                     { "id": "c", "lat": 30.520, "lon": 114.40, "capacity": 10, "bikes": 5 } ],
          "demand": { "flows": [] } }
        """

    /// Bay Area 2013-15 layout; 2014-07-14 is a Monday, 2014-07-19 a Saturday.
    private static let handTrips = """
        Trip ID,Duration,Start Date,Start Station,Start Terminal,End Date,End Station,End Terminal,Bike #,Subscriber Type,Zip Code
        1,300,7/14/2014 8:01,A,a,7/14/2014 8:06,B,b,1,Subscriber,1
        2,600,7/14/2014 8:10,A,a,7/14/2014 8:20,B,b,2,Subscriber,1
        3,900,7/14/2014 8:30,A,a,7/14/2014 8:45,B,b,3,Subscriber,1
        4,400,7/15/2014 8:02,A,a,7/15/2014 8:09,B,b,1,Subscriber,1
        5,500,7/15/2014 8:40,A,a,7/15/2014 8:48,B,b,2,Subscriber,1
        6,700,7/15/2014 17:05,B,b,7/15/2014 17:17,A,a,1,Subscriber,1
        7,800,7/19/2014 11:00,A,a,7/19/2014 11:13,A,a,1,Customer,1
        8,350,7/15/2014 9:00,X,99,7/15/2014 9:06,B,b,4,Subscriber,1
        9,350,7/15/2014 9:30,A,a,7/15/2014 9:36,X,99,4,Subscriber,1
        """

    func testCalibrationOfHandMadeRecords() throws {
        let dir = try temporaryDirectory()
        let trips = dir + "/trips.csv"
        try Self.handTrips.write(toFile: trips, atomically: true, encoding: .utf8)
        let base = try TestScenarios.load(Self.threeZones)
        let options = TripReader.Options(days: .weekdays)
        let records = try TripReader.read(path: trips, zones: base.zones, options: options)
        XCTAssertEqual(records.layout, "Bay Area Bike Share 2013-15")
        XCTAssertEqual(records.records, 9)
        XCTAssertEqual(records.notSelected, 1)       // the Saturday
        XCTAssertEqual(records.unmatchedOrigin, 1)   // from station 99
        XCTAssertEqual(records.unmatchedDestination, 1)
        XCTAssertEqual(records.trips.count, 6)
        var settings = Calibration.Settings()
        settings.pairProfileMinimum = 3
        settings.originProfileMinimum = 3
        let fit = try Calibration.fit(base, records: records, options: options, settings: settings)
        // Monday 14 to Saturday 19 holds five weekdays; three of them have no record and still count.
        XCTAssertEqual(fit.days, 5)
        let flows = fit.scenario.demand.flows
        XCTAssertEqual(flows.map(\.from), ["a", "b"])
        XCTAssertEqual(flows[0].tripsPerDay, 1.0)
        XCTAssertEqual(flows[1].tripsPerDay, 0.2)
        // a→b has five records: its own profile, all at 08:00; b→a's one record goes to the shared rest.
        XCTAssertEqual(flows[0].profile, "a>b")
        XCTAssertEqual(flows[1].profile, "*")
        let profiles = Dictionary(uniqueKeysWithValues: fit.scenario.demand.profiles.map { ($0.name, $0.weights) })
        XCTAssertEqual(profiles["a>b"]?[8], 5)
        XCTAssertEqual(profiles["a>b"]?.reduce(0, +), 5)
        XCTAssertEqual(profiles["*"]?[17], 1)
        // Ride time: the median of 300, 600, 900, 400, 500 seconds (too few trips to fit a cv);
        // b→a has one duration and coordinates, so its ride comes from the distance.
        XCTAssertEqual(flows[0].minutes!, 500.0 / 60, accuracy: 0.005)
        XCTAssertNil(flows[1].minutes)
        // The median over all matched trips: 300, 400, 500, 600, 700, 900 seconds.
        XCTAssertEqual(fit.medianMinutes!, 550.0 / 60, accuracy: 1e-9)
        // Weekends only: one Saturday in the range, one round trip a→a.
        let weekend = TripReader.Options(days: .weekends)
        let fitWeekend = try Calibration.fit(base, records: try TripReader.read(path: trips, zones: base.zones, options: weekend), options: weekend)
        XCTAssertEqual(fitWeekend.days, 1)
        XCTAssertEqual(fitWeekend.scenario.demand.flows.map { "\($0.from)>\($0.to) \($0.tripsPerDay)" }, ["a>a 1.0"])
        XCTAssertEqual(fitWeekend.scenario.demand.flows[0].minutes!, 800.0 / 60, accuracy: 0.005)
        // A range with no selected day says so.
        let sunday = TripReader.Options(days: .weekdays, from: CivilDate(parsing: "2014-07-20"), to: CivilDate(parsing: "2014-07-20"))
        XCTAssertThrowsError(try Calibration.fit(base, records: records, options: sunday))
    }

    func testMalformedRecordsNameTheFileLineAndColumn() throws {
        let dir = try temporaryDirectory()
        let trips = dir + "/trips.csv"
        try (Self.handTrips + "\n10,300,14/7/2014 8:01,A,a,7/14/2014 8:06,B,b,1,Subscriber,1\n").write(toFile: trips, atomically: true, encoding: .utf8)
        let base = try TestScenarios.load(Self.threeZones)
        XCTAssertThrowsError(try TripReader.read(path: trips, zones: base.zones, options: .init())) { error in
            XCTAssertEqual("\(error)", "\(trips): line 11, column Start Date: expected a date and time such as 2014-10-06 08:01:00 or 10/6/2014 8:01, got '14/7/2014 8:01'")
        }
        try "a,b\n1,2\n".write(toFile: trips, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try TripReader.read(path: trips, zones: base.zones, options: .init())) { error in
            XCTAssertTrue("\(error)".hasPrefix("\(trips): line 1: the header is not a trip layout tidesim knows"), "\(error)")
        }
    }

    /// The calibrated day reproduces the records' average day on a real slice: the total, every
    /// origin's total, and the hour-of-day shape of every origin that has a profile of its own.
    func testCalibratedDayReproducesTheRecordsAverageDay() throws {
        let base = try ScenarioLoader.load(path: TestScenarios.bundled("bayarea-2014-stations"))
        // The slice holds 15, 16 and 19 July: Thursday and Friday are missing from it, so the
        // dates are named (otherwise they would count as days without trips).
        let options = TripReader.Options(days: .weekdays, from: CivilDate(parsing: "2014-07-15"), to: CivilDate(parsing: "2014-07-16"))
        let records = try TripReader.read(path: Self.fixtures + "/bayarea-2014/trips-2014-07-15_16_19.csv", zones: base.zones, options: options)
        XCTAssertEqual(records.unmatched, 0)
        XCTAssertEqual(records.notSelected, 3035 - records.trips.count)
        var settings = Calibration.Settings()
        settings.pairProfileMinimum = 20
        settings.originProfileMinimum = 20
        let fit = try Calibration.fit(base, records: records, options: options, settings: settings)
        XCTAssertEqual(fit.days, 2)
        let demand = fit.scenario.demand
        let total = demand.flows.reduce(0) { $0 + $1.tripsPerDay }
        XCTAssertEqual(total, Double(records.trips.count) / 2, accuracy: 1e-9)
        let profiles = Dictionary(uniqueKeysWithValues: demand.profiles.map { ($0.name, $0.weights) })
        var observed: [String: [Double]] = [:], modelled: [String: [Double]] = [:]
        for t in records.trips { observed[base.zones[Int(t.origin)].id, default: Array(repeating: 0, count: 24)][Int(t.start / 3600)] += 0.5 }
        var usesShared = Set<String>()
        for f in demand.flows {
            let w = profiles[f.profile]!, sum = w.reduce(0, +)
            if f.profile == "*" { usesShared.insert(f.from) }
            modelled[f.from, default: Array(repeating: 0, count: 24)] = zip(modelled[f.from] ?? Array(repeating: 0, count: 24), w).map { $0 + f.tripsPerDay * $1 / sum }
        }
        XCTAssertEqual(Set(observed.keys), Set(modelled.keys))
        XCTAssertGreaterThan(observed.count - usesShared.count, 10)
        for (origin, hours) in observed {
            XCTAssertEqual(modelled[origin]!.reduce(0, +), hours.reduce(0, +), accuracy: 1e-9, origin)
            guard !usesShared.contains(origin) else { continue }
            for h in 0..<24 { XCTAssertEqual(modelled[origin]![h], hours[h], accuracy: 1e-9, "\(origin) hour \(h)") }
        }
    }

    func testReplayMakesEveryRecordOfTheDateOneAttempt() throws {
        let scenario = try ScenarioLoader.load(path: TestScenarios.bundled("bayarea-2014-stations"))
        let date = CivilDate(parsing: "2014-07-16")!
        let options = TripReader.Options(days: .all, from: date, to: date)
        let records = try TripReader.read(path: Self.fixtures + "/bayarea-2014/trips-2014-07-15_16_19.csv", zones: scenario.zones, options: options)
        let text = try String(contentsOfFile: Self.fixtures + "/bayarea-2014/trips-2014-07-15_16_19.csv", encoding: .utf8)
        let onDate = text.split(separator: "\n").filter { $0.split(separator: ",")[2].hasPrefix("2014-07-16") }.count
        XCTAssertEqual(records.trips.count, onDate)
        let attempts = Replay.attempts(records, scenario: scenario)
        XCTAssertEqual(attempts.count, onDate)
        XCTAssertEqual(attempts.map(\.time), attempts.map(\.time).sorted())
        let model = Model(scenario).replaying(attempts)
        let runs = Replications.run(model: model, policy: "none", seed: 1, count: 2, threads: 1)
        for r in runs {
            XCTAssertEqual(r[.tripAttempts], Double(onDate))
            XCTAssertEqual(r[.tripsServed]! + r[.tripsLost]!, Double(onDate))
        }
        // Nothing random is left: a second replication gives the same day.
        XCTAssertEqual(runs[0].system, runs[1].system)
        let other = Replications.run(model: model, policy: "rebalance", seed: 99, count: 1, threads: 1)[0]
        XCTAssertEqual(other[.tripAttempts], Double(onDate))
    }

    func testImportOfTheSpecificationExamples() throws {
        for version in ["2.3", "3.0"] {
            let (scenario, summary) = try GBFSImport.load(directory: Self.fixtures + "/gbfs-v\(version)")
            XCTAssertEqual(summary.version, version)
            XCTAssertEqual(scenario.name, "Example Bike Rental")
            // One station ("pga") without status, with its capacity from the per-type counts.
            XCTAssertEqual(summary.stations, 1)
            XCTAssertEqual(scenario.zones[0].id, "pga")
            XCTAssertEqual(scenario.zones[0].capacity, version == "2.3" ? 16 : 7)
            XCTAssertEqual(scenario.zones[0].bikes, 0)
            XCTAssertEqual(summary.stationsWithoutStatus, 1)
            XCTAssertEqual(summary.statusWithoutStation, 2)
            // Two vehicles: one free-floating (a cell), one at station "86", which the feed does not list.
            XCTAssertEqual(summary.cells, 1)
            XCTAssertEqual(summary.bikesInCells, 1)
            XCTAssertEqual(summary.atUnknownStation, 1)
            XCTAssertEqual(summary.geofencingZones, 1)
            XCTAssertNotNil(summary.unplacedNote)
        }
    }

    func testImportRulesOnAHandMadeFeed() throws {
        let dir = try temporaryDirectory()
        func write(_ name: String, _ data: String) throws {
            try "{\"last_updated\": 1, \"ttl\": 0, \"version\": \"2.2\", \"data\": \(data)}".write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
        }
        try write("station_information.json", """
            {"stations": [
              {"station_id": "s1", "name": "One", "lat": 30.5, "lon": 114.4, "capacity": 10},
              {"station_id": "s2", "name": "Two", "lat": 30.51, "lon": 114.4},
              {"station_id": "v1", "name": "Virtual", "lat": 30.52, "lon": 114.4, "is_virtual_station": true},
              {"station_id": "s3", "name": "No status, no capacity", "lat": 30.53, "lon": 114.4}]}
            """)
        try write("station_status.json", """
            {"stations": [
              {"station_id": "s1", "num_bikes_available": 4, "num_bikes_disabled": 1, "num_docks_available": 5, "num_docks_disabled": 0},
              {"station_id": "s2", "num_bikes_available": 2, "num_bikes_disabled": 1, "num_docks_available": 3, "num_docks_disabled": 1},
              {"station_id": "v1", "num_bikes_available": 3, "num_docks_available": 0}]}
            """)
        // Free-floating bikes around two points; the second lies in a no-parking zone.
        var bikes: [String] = []
        for i in 0..<30 { bikes.append("{\"bike_id\": \"f\(i)\", \"lat\": \(30.6 + Double(i % 5) * 0.0004), \"lon\": \(114.5 + Double(i % 3) * 0.0004), \"is_reserved\": false, \"is_disabled\": false}") }
        for i in 0..<7 { bikes.append("{\"bike_id\": \"g\(i)\", \"lat\": 30.7, \"lon\": 114.6, \"is_reserved\": false, \"is_disabled\": false}") }
        bikes += [
            "{\"bike_id\": \"d\", \"lat\": 30.6, \"lon\": 114.5, \"is_reserved\": false, \"is_disabled\": true}",
            "{\"bike_id\": \"r\", \"lat\": 30.6, \"lon\": 114.5, \"is_reserved\": true, \"is_disabled\": false}",
            "{\"bike_id\": \"atv1\", \"station_id\": \"v1\", \"is_reserved\": false, \"is_disabled\": false}",
            "{\"bike_id\": \"lost\", \"station_id\": \"zz\", \"is_reserved\": false, \"is_disabled\": false}",
            "{\"bike_id\": \"nowhere\", \"is_reserved\": false, \"is_disabled\": false}",
        ]
        try write("free_bike_status.json", "{\"bikes\": [\(bikes.joined(separator: ","))]}")
        try write("geofencing_zones.json", """
            {"geofencing_zones": {"type": "FeatureCollection", "features": [
              {"type": "Feature", "properties": {"rules": [{"ride_allowed": false, "ride_through_allowed": true}]},
               "geometry": {"type": "MultiPolygon", "coordinates": [[[[114.59, 30.69], [114.61, 30.69], [114.61, 30.71], [114.59, 30.71], [114.59, 30.69]]]]}}]}}
            """)
        var settings = GBFSImport.Settings()
        settings.docklessCapacity = 25
        let (scenario, summary) = try GBFSImport.load(directory: dir, settings: settings)
        let byID = Dictionary(uniqueKeysWithValues: scenario.zones.map { ($0.id, $0) })
        // s1: 10 docks, one held by a disabled bike; s2: 2+1 bikes and 3+1 docks, 5 usable.
        XCTAssertEqual(byID["s1"]?.capacity, 9)
        XCTAssertEqual(byID["s1"]?.bikes, 4)
        XCTAssertEqual(byID["s1"]?.overflow, .redirect)
        XCTAssertEqual(byID["s2"]?.capacity, 5)
        XCTAssertEqual(byID["v1"]?.capacity, 25)
        XCTAssertEqual(byID["v1"]?.overflow, .pile)
        XCTAssertNil(byID["s3"])
        XCTAssertEqual(summary.stationsWithoutCapacity, 1)
        XCTAssertEqual(summary.disabledOrReserved, 2)
        XCTAssertEqual(summary.atUnknownStation, 1)
        XCTAssertEqual(summary.withoutPosition, 1)
        // Every free-floating bike that is neither disabled nor reserved lands in exactly one cell.
        let cells = scenario.zones.filter { $0.kind == "dockless" || $0.kind == "no parking" }
        XCTAssertEqual(cells.reduce(0) { $0 + $1.bikes }, 37)
        XCTAssertEqual(summary.bikesInCells, 37)
        XCTAssertEqual(Set(cells.map(\.id)).count, cells.count)
        for c in cells where c.kind == "dockless" {
            XCTAssertEqual(c.capacity, 25)
            XCTAssertLessThan(c.coordinate!.distanceMeters(to: Coordinate(lat: 30.6008, lon: 114.5004)), 200)
        }
        let blocked = cells.filter { $0.kind == "no parking" }
        XCTAssertEqual(blocked.map(\.bikes), [7])
        XCTAssertEqual(blocked.map(\.capacity), [0])
        XCTAssertEqual(summary.noParkingCells, 1)
        // What import writes validates.
        let json = ScenarioWriter.files(scenario, baseName: "feed", tables: false)[0].contents
        XCTAssertEqual(try ScenarioLoader.load(text: json, file: "feed.json").zones.count, scenario.zones.count)
    }

    /// Station status flags: not installed is left out, not renting starts with its bikes out of
    /// service, not returning is kept full; every bike of the status is accounted for.
    func testStationStatusFlagsAndEveryBikeAccountedFor() throws {
        let dir = try temporaryDirectory()
        func write(_ name: String, _ data: String) throws {
            try "{\"last_updated\": 1, \"ttl\": 0, \"version\": \"2.3\", \"data\": \(data)}".write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
        }
        let info = (1...4).map { #"{"station_id": "s\#($0)", "name": "S\#($0)", "lat": 59.9\#($0), "lon": 10.7, "capacity": 10}"# }
        try write("station_information.json", "{\"stations\": [\(info.joined(separator: ","))]}")
        try write("station_status.json", """
            {"stations": [
              {"station_id": "s1", "num_bikes_available": 4, "num_docks_available": 6, "is_installed": true, "is_renting": true, "is_returning": true},
              {"station_id": "s2", "num_bikes_available": 3, "num_docks_available": 7, "is_installed": false, "is_renting": false, "is_returning": false},
              {"station_id": "s3", "num_bikes_available": 5, "num_docks_available": 5, "is_installed": true, "is_renting": false, "is_returning": true},
              {"station_id": "s4", "num_bikes_available": 6, "num_docks_available": 4, "is_installed": 1, "is_renting": 1, "is_returning": 0},
              {"station_id": "ghost", "num_bikes_available": 7, "num_docks_available": 1, "is_installed": true, "is_renting": true, "is_returning": true}]}
            """)
        let (scenario, summary) = try GBFSImport.load(directory: dir)
        let byID = Dictionary(uniqueKeysWithValues: scenario.zones.map { ($0.id, $0) })
        XCTAssertEqual(scenario.zones.map(\.id), ["s1", "s3", "s4"], "the station not installed is left out")
        XCTAssertEqual(byID["s3"].map { [$0.bikes, $0.capacity] }, [0, 10], "not renting: no rentable bike, returns taken")
        XCTAssertEqual(byID["s4"].map { [$0.bikes, $0.capacity] }, [6, 6], "not returning: full, so returns ride on")
        XCTAssertEqual([summary.notInstalled, summary.bikesNotInstalled, summary.notRenting, summary.bikesNotRenting, summary.notReturning],
                       [1, 3, 1, 5, 1])
        XCTAssertEqual([summary.statusWithoutStation, summary.bikesAtUnknownStations], [1, 7])
        // Every bike of the status: placed, or counted in the note.
        XCTAssertEqual(scenario.fleet + summary.bikesNotInstalled + summary.bikesNotRenting + summary.bikesAtUnknownStations, 4 + 3 + 5 + 6 + 7)
        XCTAssertEqual(summary.unplacedNote, "1 status entry for stations station_information does not list, with 7 rentable bikes, "
            + "1 station not installed (left out, with 3 bikes), 1 station not renting (kept; their 5 bikes out of service), 1 station not taking returns (kept full)")
        XCTAssertNil(summary.statusAdvice)
        // Without a status file the stations start empty, and the import says what to do.
        try FileManager.default.removeItem(atPath: dir + "/station_status.json")
        let (empty, noStatus) = try GBFSImport.load(directory: dir)
        XCTAssertEqual(empty.fleet, 0)
        XCTAssertEqual(noStatus.statusAdvice, "no station_status.json: the 4 stations start with 0 bikes; add the feed's status file, or give the fleet with --fleet N when you run")
    }

    /// Oslo City Bike's status of 2025-04-01 against its station list: no station that is not
    /// installed becomes a live zone, and every bike of the status is placed or counted.
    func testOsloSnapshotEveryBikeAccountedFor() throws {
        let data = TestScenarios.packageRoot + "/../shared/data/oslo-bysykkel-status-2022-2025"
        guard FileManager.default.fileExists(atPath: data + "/gbfs_raw/station_status_2025-04-01.json") else {
            throw XCTSkip("the shared Oslo data is not beside the project (\(data)); the snapshot is checked where it is")
        }
        // The feed as Oslo published it: the station list (as CSV in the data set) and the status.
        let dir = try temporaryDirectory()
        var stations: [String] = []
        var reader = try CSVStreamReader(path: data + "/station_information_2022-10-23.csv")
        _ = try reader.next()
        while try reader.next() {
            stations.append(#"{"station_id": "\#(reader.string(0))", "name": "S", "lat": \#(reader.string(3)), "lon": \#(reader.string(4)), "capacity": \#(reader.string(5))}"#)
        }
        reader.close()
        try "{\"last_updated\": 1, \"ttl\": 0, \"version\": \"2.3\", \"data\": {\"stations\": [\(stations.joined(separator: ","))]}}"
            .write(toFile: dir + "/station_information.json", atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: data + "/gbfs_raw/station_status_2025-04-01.json", toPath: dir + "/station_status.json")
        let (scenario, summary) = try GBFSImport.load(directory: dir)
        XCTAssertEqual(stations.count, 260)
        XCTAssertEqual([summary.notInstalled, summary.bikesNotInstalled], [8, 4], "eight listed stations not installed, one with 4 bikes")
        XCTAssertEqual([summary.statusWithoutStation, summary.bikesAtUnknownStations], [15, 44])
        XCTAssertEqual(scenario.zones.count, 252)
        XCTAssertEqual(scenario.fleet + summary.bikesNotInstalled + summary.bikesNotRenting + summary.bikesAtUnknownStations, 1_335,
                       "the status's 1,335 bikes, placed or counted")
    }

    func testImportErrorsNameTheFileAndPath() throws {
        let dir = try temporaryDirectory()
        XCTAssertThrowsError(try GBFSImport.load(directory: dir + "/missing")) {
            guard case .inputMissing? = $0 as? TideSimError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try GBFSImport.load(directory: dir)) {
            guard case .inputMissing? = $0 as? TideSimError else { return XCTFail("\($0)") }
        }
        try "{\"data\": {\"stations\": [{\"station_id\": \"a\", \"lat\": \"north\", \"lon\": 1}]}}".write(toFile: dir + "/station_information.json", atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try GBFSImport.load(directory: dir)) {
            XCTAssertEqual("\($0)", "\(dir)/station_information.json: data.stations[0].lat: expected a number")
        }
        try "{\"data\": {\"stations\": [}".write(toFile: dir + "/station_information.json", atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try GBFSImport.load(directory: dir)) {
            XCTAssertTrue("\($0)".hasPrefix("\(dir)/station_information.json: top level: not valid JSON: line 1"), "\($0)")
        }
    }
}

/// Each layout read end to end from a small hand-made file, and the built-in profiles measured again.
final class TripLayoutReadingTests: XCTestCase {
    private static let zones = """
        { "tidesim": 1, "name": "grid",
          "zones": [ { "id": "72", "lat": 40.7673, "lon": -73.9939, "capacity": 10, "bikes": 5 },
                     { "id": "79", "lat": 40.7191, "lon": -74.0067, "capacity": 10, "bikes": 5 },
                     { "id": "wx4", "lat": 39.9087, "lon": 116.3975, "capacity": 10, "bikes": 5 } ],
          "demand": { "flows": [] } }
        """

    private func read(_ text: String, options: TripReader.Options = .init()) throws -> TripRecords {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tidesim-\(UUID().uuidString).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try TripReader.read(path: path, zones: try TestScenarios.load(Self.zones).zones, options: options)
    }

    func testCitiBikeBefore2021WithQuotesAndAnUnknownStationSnappedByCoordinates() throws {
        let r = try read("""
            "tripduration","starttime","stoptime","start station id","start station name","start station latitude","start station longitude","end station id","end station name","end station latitude","end station longitude","bikeid","usertype","birth year","gender"
            "634","2019-07-01 00:00:08.1450","2019-07-01 00:10:42.8870","999","W 52 St","40.7674","-73.9940","79","Duane St","40.71911","-74.00666","35305","Subscriber","1992","1"
            "1547","9/1/2015 00:00:12","9/1/2015 00:26:00","72","W 52 St","40.7673","-73.9939","79","Duane St","40.71911","-74.00666","14734","Customer","","0"
            """)
        XCTAssertEqual(r.layout, "Citi Bike before 2021")
        XCTAssertEqual(r.trips.count, 2)
        XCTAssertEqual(r.snapped, 1)   // station 999 is no zone: its coordinates lie 14 m from zone 72
        XCTAssertEqual(r.trips.map(\.origin), [0, 0])
        XCTAssertEqual(r.trips.map(\.duration), [634, 1547])
        XCTAssertEqual(r.trips[0].start, 8.145, accuracy: 1e-9)
    }

    func testLayout2021WithoutStationIdsUsesCoordinatesAndEndTimes() throws {
        let r = try read("""
            ride_id,rideable_type,started_at,ended_at,start_station_name,start_station_id,end_station_name,end_station_id,start_lat,start_lng,end_lat,end_lng,member_casual
            A1,electric_bike,2021-01-23 16:14:19,2021-01-23 16:24:44,,,,,40.7673,-73.9939,40.7191,-74.0067,member
            A2,classic_bike,2021-01-23 17:00:00,2021-01-23 17:20:00,W 52 St,72,Duane,79,40.7673,-73.9939,40.7191,-74.0067,casual
            A3,electric_bike,2021-01-23 18:00:00,2021-01-23 18:05:00,,,,,40.80,-73.90,40.7191,-74.0067,member
            """)
        XCTAssertEqual(r.layout, "2021+ (Citi Bike, Divvy, Bay Wheels, Capital Bikeshare)")
        XCTAssertEqual(r.trips.count, 2)
        XCTAssertEqual(r.unmatchedOrigin, 1)   // 40.80, -73.90 is kilometres from any zone
        XCTAssertEqual(r.trips.map(\.duration), [625, 1200])
    }

    func testDivvy2019DurationsWithThousandsSeparatorsAndFordGoBikeFractions() throws {
        let divvy = try read("""
            trip_id,start_time,end_time,bikeid,tripduration,from_station_id,from_station_name,to_station_id,to_station_name,usertype,gender,birthyear
            21742443,2019-01-01 00:04:37,2019-01-01 00:32:08,2167,"1,651.0",72,A,79,B,Subscriber,Male,1989
            """)
        XCTAssertEqual(divvy.layout, "Divvy 2019")
        XCTAssertEqual(divvy.trips.map(\.duration), [1651])
        let ford = try read("""
            duration_sec,start_time,end_time,start_station_id,start_station_name,start_station_latitude,start_station_longitude,end_station_id,end_station_name,end_station_latitude,end_station_longitude,bike_id,user_type
            80110,2017-12-31 16:57:39.6540,2018-01-01 15:12:50.2450,72,A,40.7673,-73.9939,79,B,40.7191,-74.0067,96,Customer
            """)
        XCTAssertEqual(ford.layout, "Ford GoBike / Bay Wheels 2017-19")
        XCTAssertEqual(ford.trips.map(\.duration), [80110])
        XCTAssertEqual(ford.trips[0].date, CivilDate(parsing: "2017-12-31"))
        let capital = try read("""
            Duration,Start date,End date,Start station number,Start station,End station number,End station,Bike number,Member type
            206,2019-01-01 00:04:48,2019-01-01 00:08:15,72,A,79,B,W21708,Member
            """)
        XCTAssertEqual(capital.layout, "Capital Bikeshare before 2020")
        XCTAssertEqual(capital.trips.map(\.destination), [1])
    }

    /// Mobike: geohashes and no durations; replayed rides take the distance-based mean.
    func testMobikeGeohashesSnapAndReplayWithDistanceRides() throws {
        // The snap distance just reaches zone "wx4" from the centre of the first geohash cell.
        let origin = Array("wx4g09n".utf8).withUnsafeBufferPointer { Geohash.decode($0) }!
        let zone = Coordinate(lat: 39.9087, lon: 116.3975)
        let r = try read("""
            orderid,userid,bikeid,biketype,starttime,geohashed_start_loc,geohashed_end_loc
            1893973,451147,210617,2,2017-05-14 22:16:50,wx4g09n,wx4g09n
            4657992,1061133,465394,1,2017-05-14 22:16:52,wx5g09n,wx4g09n
            """, options: .init(snapMeters: origin.distanceMeters(to: zone) + 1))
        XCTAssertEqual(r.layout, "Mobike 2017 (geohashes)")
        XCTAssertEqual(r.trips.count, 1)
        XCTAssertEqual(r.unmatchedOrigin, 1)
        XCTAssertTrue(r.trips[0].duration.isNaN)
        let scenario = try TestScenarios.load(Self.zones)
        let attempts = Replay.attempts(r, scenario: scenario)
        XCTAssertEqual(attempts[0].duration, 120)   // a round trip: demand.ride.minMinutes
    }

    /// The built-in profiles are what the documented method measures on the shared Bay Area data.
    func testBuiltInProfilesAreMeasuredFromTheBayAreaRecords() throws {
        let gz = TestScenarios.packageRoot + "/../shared/data/bayarea-bikeshare-2014/trips_2014.csv.gz"
        guard FileManager.default.fileExists(atPath: gz) else {
            throw XCTSkip("the shared Bay Area data is not beside the project (\(gz)); the profiles are checked where it is")
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tidesim-trips-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let zcat = Process()
        zcat.executableURL = URL(fileURLWithPath: "/bin/sh")
        zcat.arguments = ["-c", "zcat '\(gz)' > '\(path)'"]
        try zcat.run()
        zcat.waitUntilExit()
        let zones = try ScenarioLoader.load(path: TestScenarios.bundled("bayarea-2014-stations")).zones
        let records = try TripReader.read(path: path, zones: zones, options: .init(days: .weekdays))
        XCTAssertEqual(records.trips.count, 286_030)
        let m = ProfileDerivation.measure(records.trips)
        XCTAssertEqual([m.amPairs, m.pmPairs, m.amTrips, m.pmTrips, m.daytimeTrips], [169, 115, 71_284, 57_565, 157_181])
        for (name, shares) in [("commute-am", m.am), ("commute-pm", m.pm), ("daytime", m.daytime)] {
            let table = BuiltInProfiles.weights(named: name)!
            for h in 0..<24 {
                let percent = shares[h] * 100
                if table[h] == 0.05 { XCTAssertLessThan(percent, 0.05, "\(name) hour \(h)") } else {
                    XCTAssertEqual(percent, table[h], accuracy: 0.05 + 1e-9, "\(name) hour \(h)")
                }
            }
        }
    }
}
