import XCTest
@testable import TideSim
@testable @_spi(RawBytes) import TideSimBuffers
@testable import TideSimCore
@testable import TideSimModel
@testable import TideSimEngine
@testable import TideSimIO
@testable import TideSimReports

final class ScenarioValidationTests: XCTestCase {
    private func assertIssue(_ target: String, _ replacement: String, _ expected: String,
                             file: StaticString = #filePath, line: UInt = #line) {
        let issues = TestScenarios.issues(TestScenarios.base(replacing: target, with: replacement))
        XCTAssert(issues.contains(expected), "expected \(expected)\ngot \(issues)", file: file, line: line)
    }

    func testBaseScenarioIsValidWithDefaults() throws {
        let s = try TestScenarios.load(TestScenarios.base)
        XCTAssertEqual(s.name, "Test")
        XCTAssertEqual(s.seed, 3)
        XCTAssertEqual(s.days, 1)
        XCTAssertEqual(s.warmupDays, 0)
        XCTAssertEqual(s.sampleMinutes, 15)
        XCTAssertEqual(s.fleetCap, 100)
        XCTAssertEqual(s.fleet, 10)
        XCTAssertEqual(s.demand.scale, 1)
        XCTAssertEqual(s.demand.ride, .defaults)
        XCTAssertEqual(s.demand.flows[1].profile, "flat")
        XCTAssertEqual(s.zones[0].name, "a")
        XCTAssertEqual(s.zones[0].overflow, .pile)
        XCTAssertEqual(s.holdingAreas[0].open, TimeWindow(start: 6 * 3600, end: 22 * 3600))
        XCTAssertEqual(s.trucks, TruckFleet(count: 1, capacity: 20, speedKmh: 20, detour: 1.3, loadSeconds: 10, depot: "lot",
                                            shifts: [TimeWindow(start: 23_400, end: 36_000)]))
        XCTAssertEqual(s.policy.name, "threshold")
        XCTAssertEqual([s.policy.high, s.policy.target, s.policy.low, s.policy.everyMinutes, s.policy.horizonMinutes], [1, 0.8, 0.2, 5, 60])
        XCTAssertEqual(s.policy.zones, [ZoneOverride(zone: "b", high: 0.9, target: nil, low: nil, holdingArea: "lot", priority: nil)])
    }

    func testNumbersOutOfRange() {
        assertIssue(#""capacity": 10"#, #""capacity": -5"#, "test.json: zones[0].capacity: must be between 0 and 10000000, got -5")
        assertIssue(#""capacity": 10"#, #""capacity": 2.5"#, "test.json: zones[0].capacity: must be a whole number, got 2.5")
        assertIssue(#""bikes": 8"#, #""bikes": "many""#, "test.json: zones[0].bikes: expected a whole number, got 'many'")
        assertIssue(#""lat": 30.50"#, #""lat": 95"#, "test.json: zones[0].lat: must be between -90 and 90, got 95")
        assertIssue(#""seed": 3"#, #""seed": 3, "days": 0"#, "test.json: days: must be between 1 and 3660, got 0")
        assertIssue(#""seed": 3"#, #""seed": 3, "days": 2, "warmupDays": 2"#,
                    "test.json: warmupDays: must be less than days (2), got 2: no day would be measured")
        assertIssue(#""seed": 3"#, #""seed": 3, "sampleMinutes": 7"#, "test.json: sampleMinutes: must divide a day (1440 minutes) evenly, got 7")
        assertIssue(#""tripsPerDay": 50"#, #""tripsPerDay": -1"#, "test.json: demand.flows[0].tripsPerDay: must be between 0 and 1000000000, got -1")
        assertIssue(#""profiles""#, #""scale": 1e12, "profiles""#, "test.json: demand.scale: must be between 0 and 10000, got 1000000000000")
        assertIssue(#""tidesim": 1"#, #""tidesim": 2"#, "test.json: tidesim: unsupported format version 2; this tidesim reads version 1")
    }

    func testMissingRequiredFields() {
        assertIssue(#""id": "a", "#, "", "test.json: zones[0].id: missing; expected a string")
        assertIssue(#""capacity": 10, "#, "", "test.json: zones[0].capacity: missing; expected a whole number between 0 and 10000000")
        assertIssue(#""tidesim": 1,"#, "", "test.json: tidesim: missing; expected a whole number >= 0")
        assertIssue(#""lon": 114.40, "capacity": 10"#, #""capacity": 10"#, "test.json: zones[0].lon: missing; lat and lon go together")
    }

    func testUnknownKeysWithSuggestions() {
        assertIssue(#""capacity": 10"#, #""capcity": 10"#,
                    "test.json: zones[0].capcity: unknown key (did you mean 'capacity'?); expected one of: id, name, kind, lat, lon, capacity, bikes, overflow, capacityWindows, bikesByOperator")
        assertIssue(#""seed": 3"#, #""sede": 3"#,
                    "test.json: sede: unknown key (did you mean 'seed'?); expected one of: tidesim, name, description, seed, days, warmupDays, sampleMinutes, fleet, zones, holdingAreas, demand, trucks, policy, costs, operators, inspections")
    }

    func testDuplicateIDsShareOneSpace() {
        assertIssue(#""id": "b""#, #""id": "a""#,
                    "test.json: zones[1].id: duplicate id 'a' (already used at zones[0]; zones and holding areas share one id space)")
        assertIssue(#""id": "lot""#, #""id": "b""#,
                    "test.json: holdingAreas[0].id: duplicate id 'b' (already used at zones[1]; zones and holding areas share one id space)")
    }

    func testFlowsReferToZones() {
        assertIssue(#""from": "a", "to": "b""#, #""from": "x", "to": "b""#, "test.json: demand.flows[0].from: unknown zone 'x'")
        assertIssue(#""from": "a", "to": "b""#, #""from": "a", "to": "lot""#,
                    "test.json: demand.flows[0].to: 'lot' is a holding area; riders rent and return only in zones")
        assertIssue(#""profile": "am""#, #""profile": "amm""#,
                    "test.json: demand.flows[0].profile: unknown profile 'amm' (did you mean 'am'?); expected a built-in (flat, commute-am, commute-pm, daytime) or one of demand.profiles")
    }

    func testFlowsNeedCoordinatesOrMinutes() {
        let text = TestScenarios.base(replacing: #""id": "b", "lat": 30.51, "lon": 114.40,"#, with: #""id": "b","#)
        XCTAssert(TestScenarios.issues(text).contains("test.json: demand.flows[0]: needs 'minutes': zone 'b' has no coordinates to derive the ride time from"))
        let fixed = text.replacingOccurrences(of: #""tripsPerDay": 50, "profile": "am""#, with: #""tripsPerDay": 50, "profile": "am", "minutes": 6"#)
            .replacingOccurrences(of: #""tripsPerDay": 40"#, with: #""tripsPerDay": 40, "minutes": 6"#)
        XCTAssertEqual(TestScenarios.issues(fixed), [])
    }

    func testRoundTripNeedsNoCoordinates() throws {
        let s = try TestScenarios.load(#"{"tidesim":1,"zones":[{"id":"z","capacity":1}],"demand":{"flows":[{"from":"z","to":"z","tripsPerDay":5}]}}"#)
        XCTAssertEqual(Model(s).demand.flowRide[0].mean, 120, "a round trip rides the minimum, 2 minutes")
    }

    func testProfilesAreChecked() {
        assertIssue(#""am": [0,0,0,0,0,0,1,8,2,1,1,1,3,1,1,1,6,2,1,0,0,0,0,0]"#, #""am": [1,2,3]"#,
                    "test.json: demand.profiles.am: expected 24, 48 or 96 weights (hourly, half-hourly, quarter-hourly), got 3")
        assertIssue(#""am": [0,0,0,0,0,0,1,8"#, #""am": [0,0,0,0,0,0,-1,8"#, "test.json: demand.profiles.am[6]: expected a non-negative number, got -1")
        assertIssue(#""am": [0,0,0,0,0,0,1,8,2,1,1,1,3,1,1,1,6,2,1,0,0,0,0,0]"#, #""am": [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]"#,
                    "test.json: demand.profiles.am: the weights sum to 0; a profile needs at least one positive weight")
        assertIssue(#""am": ["#, #""flat": ["#, "test.json: demand.profiles.flat: 'flat' is a built-in profile; give a custom profile another name")
    }

    func testTrucksAndPolicyAreChecked() {
        assertIssue(#""depot": "lot""#, #""depot": "lto""#,
                    "test.json: trucks.depot: unknown depot 'lto' (did you mean 'lot'?); expected a zone or holding area id")
        assertIssue(#""capacity": 20"#, #""capacity": 0"#, "test.json: trucks.capacity: must be between 1 and 100000, got 0")
        assertIssue(#""shifts": ["06:30-10:00"]"#, #""shifts": ["6:30-10"]"#,
                    "test.json: trucks.shifts[0]: expected a time window \"HH:MM-HH:MM\" (00:00 to 24:00, start and end different), got '6:30-10'")
        assertIssue(#""open": "06:00-22:00""#, #""open": "22:00-25:00""#,
                    "test.json: holdingAreas[0].open: expected a time window \"HH:MM-HH:MM\" (00:00 to 24:00, start and end different), got '22:00-25:00'")
        assertIssue(#""name": "threshold""#, #""name": "treshold""#,
                    "test.json: policy.name: unknown value 'treshold' (did you mean 'threshold'?); expected one of: none, threshold, predictive, rebalance, clearance")
        assertIssue(#""zones": { "b": "#, #""zones": { "q": "#, "test.json: policy.zones.q: unknown zone 'q'")
        assertIssue(#""holdingArea": "lot""#, #""holdingArea": "a""#, "test.json: policy.zones.b.holdingArea: unknown holding area 'a'")
        assertIssue(#""high": 0.9"#, #""high": 0.5"#,
                    "test.json: policy.zones.b: thresholds must satisfy 0 <= low <= target <= high, got low 0.2, target 0.8, high 0.5")
        assertIssue(#""name": "threshold""#, #""name": "threshold", "low": 0.9"#,
                    "test.json: policy: thresholds must satisfy 0 <= low <= target <= high, got low 0.9, target 0.8, high 1")
    }

    /// Thresholds are fractions of capacity: a percent is refused with the fraction it meant.
    func testPercentThresholdsAreRefusedWithTheFraction() {
        assertIssue(#""name": "threshold""#, #""name": "threshold", "high": 90"#,
                    "test.json: policy.high: must be a fraction of capacity between 0 and 5, got 90; thresholds are fractions of capacity, so write 0.9 for 90%")
        assertIssue(#""high": 0.9"#, #""high": 85"#,
                    "test.json: policy.zones.b.high: must be a fraction of capacity between 0 and 5, got 85; thresholds are fractions of capacity, so write 0.85 for 85%")
        assertIssue(#""name": "threshold""#, #""name": "threshold", "low": 5000"#,
                    "test.json: policy.low: must be a fraction of capacity between 0 and 5, got 5000")
        assertIssue(#""name": "threshold""#, #""name": "threshold", "target": -0.1"#,
                    "test.json: policy.target: must be >= 0, got -0.1")
        // Up to five times capacity is a legitimate (if unusual) threshold.
        XCTAssertEqual(TestScenarios.issues(TestScenarios.base(replacing: #""high": 0.9"#, with: #""high": 5, "target": 4"#)), [])
        assertIssue(#""name": "threshold""#, #""name": "threshold", "releaseFrom": "7pm""#,
                    "test.json: policy.releaseFrom: expected a clock time \"HH:MM\" from 00:00 to 23:59, got '7pm'")
        assertIssue(#""name": "threshold""#, #""name": "threshold", "clearanceMinutes": 0"#,
                    "test.json: policy.clearanceMinutes: must be between 1 and 100000, got 0")
    }

    func testPolicyNeedsTrucksAndHoldingAreasReportedWithTheRest() {
        let noLot = #"{"tidesim":1,"zones":[{"id":"z","lat":30.5,"lon":114.4,"capacity":-1}],"trucks":{"count":1,"capacity":5,"depot":"z"},"policy":{"name":"threshold"}}"#
        XCTAssertEqual(TestScenarios.issues(noLot), [
            "test.json: zones[0].capacity: must be between 0 and 10000000, got -1",
            "test.json: policy.name: policy 'threshold' clears hotspots into holding areas, but the scenario has none",
        ])
        let noTrucks = #"{"tidesim":1,"zones":[{"id":"z","capacity":1}],"policy":{"name":"rebalance"}}"#
        XCTAssertEqual(TestScenarios.issues(noTrucks),
                       ["test.json: policy.name: policy 'rebalance' moves bikes with trucks, but the scenario has no trucks block"])
    }

    func testHoldingAreaStartsWithinCapacity() {
        assertIssue(#""capacity": 50"#, #""capacity": 50, "bikes": 60"#, "test.json: holdingAreas[0].bikes: must be at most the capacity (50), got 60")
    }

    func testRedirectZoneNeedsCoordinates() {
        let text = #"{"tidesim":1,"zones":[{"id":"z","capacity":1,"overflow":"redirect"}]}"#
        XCTAssertEqual(TestScenarios.issues(text), ["test.json: zones[0].overflow: a 'redirect' zone needs lat and lon to send riders on to the nearest zone"])
    }

    func testReportsEveryProblemAtOnce() {
        var text = TestScenarios.base(replacing: #""capacity": 10"#, with: #""capacity": -1"#)
        text = text.replacingOccurrences(of: #""from": "a", "to": "b""#, with: #""from": "nowhere", "to": "b""#)
        text = text.replacingOccurrences(of: #""depot": "lot""#, with: #""depot": "x""#)
        XCTAssertEqual(TestScenarios.issues(text).count, 3)
    }

    func testSyntaxErrorNamesLine() {
        XCTAssertEqual(TestScenarios.issues("{\n \"tidesim\": 1,\n \"zones\": [\n}"),
                       ["test.json: top level: not valid JSON: line 4, column 1: expected a value"])
    }

    func testWrongTypes() {
        XCTAssertEqual(TestScenarios.issues(#"{"tidesim":1,"zones":{}}"#),
                       ["test.json: zones: expected an array of zones or the name of a CSV file, got an object"])
        XCTAssertEqual(TestScenarios.issues(#"{"tidesim":1,"zones":[]}"#), ["test.json: zones: a scenario needs at least one zone"])
        XCTAssertEqual(TestScenarios.issues("[]"), ["test.json: top level: expected an object, got an array"])
    }
}
