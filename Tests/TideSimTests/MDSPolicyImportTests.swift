import XCTest
@testable import TideSim
@testable @_spi(RawBytes) import TideSimBuffers
@testable import TideSimCore
@testable import TideSimModel
@testable import TideSimEngine
@testable import TideSimIO
@testable import TideSimReports

/// Issue 20, `import mds-policy`: a city's MDS Policy applied to a scenario, on hand-written files.
final class MDSPolicyImportTests: XCTestCase {
    private let scenario = """
        {"tidesim":1,
         "zones":[{"id":"metro-a","lat":30.5000,"lon":114.4000,"capacity":100,"bikes":10},
                  {"id":"metro-b","lat":30.5005,"lon":114.4005,"capacity":60,"bikes":10},
                  {"id":"square","lat":30.5100,"lon":114.4100,"capacity":40,"bikes":10},
                  {"id":"estate","lat":30.5200,"lon":114.4200,"capacity":200,"bikes":10}],
         "operators":[{"id":"hb","share":0.6,"quota":1000},{"id":"mt","share":0.4,"quota":1000}],
         "demand":{"flows":[]}}
        """

    /// A square polygon around (lat, lon), `d` degrees from the centre, as GeoJSON positions.
    private func square(_ lat: Double, _ lon: Double, _ d: Double) -> String {
        "[[\(lon - d),\(lat - d)],[\(lon + d),\(lat - d)],[\(lon + d),\(lat + d)],[\(lon - d),\(lat + d)],[\(lon - d),\(lat - d)]]"
    }

    /// MDS 2.x geographies: the whole city, the metro forecourt (a MultiPolygon), the square, and a
    /// ring around the estate whose hole holds the estate (so no zone lies in it).
    private var geographies: String {
        """
        {"version":"2.0.0","geographies":[
          {"geography_id":"city","name":"Whole city","geography_json":{"type":"Polygon","coordinates":[\(square(30.51, 114.41, 0.05))]}},
          {"geography_id":"forecourt","name":"Metro forecourt","geography_json":{"type":"FeatureCollection","features":[
             {"type":"Feature","properties":{},"geometry":{"type":"MultiPolygon","coordinates":[[\(square(30.5, 114.4, 0.001))]]}}]}},
          {"geography_id":"sq","name":"Guanggu Square","geography_json":{"type":"Feature","properties":{},
             "geometry":{"type":"Polygon","coordinates":[\(square(30.51, 114.41, 0.002))]}}},
          {"geography_id":"ring","name":"Around the estate","geography_json":{"type":"Polygon",
             "coordinates":[\(square(30.52, 114.42, 0.004)),\(square(30.52, 114.42, 0.002))]}}
        ]}
        """
    }

    /// MDS 1.x policies: permits per provider over the whole city, a weekday rush-hour cap over
    /// the forecourt, a no-parking square, and a speed rule.
    private let policies = """
        {"version":"1.2.0","data":{"policies":[
          {"name":"Permit hb","policy_id":"p1","provider_ids":["hb"],"rules":[
             {"name":"hb fleet","rule_type":"count","geographies":["city"],"maximum":300}]},
          {"name":"Permit mt","policy_id":"p2","provider_ids":["mt"],"rules":[
             {"name":"mt fleet","rule_type":"count","geographies":["city"],"maximum":200}]},
          {"name":"Parking","policy_id":"p3","rules":[
             {"name":"Forecourt rush","rule_type":"count","geographies":["forecourt"],"maximum":50,
              "start_time":"07:00:00","end_time":"09:30:00","days":["mon","tue","wed","thu","fri"]},
             {"name":"No parking on the square","rule_type":"count","geographies":["sq"],"maximum":0},
             {"name":"Slow zone","rule_type":"speed","geographies":["sq"],"maximum":10}]}
        ]}}
        """

    private func apply(policy: String? = nil, geographies geo: String? = nil) throws -> MDSPolicyImport.Outcome {
        let dir = try TestScenarios.temporaryDirectory(self)
        try (policy ?? policies).write(toFile: dir + "/policy.json", atomically: true, encoding: .utf8)
        try (geo ?? geographies).write(toFile: dir + "/geographies.json", atomically: true, encoding: .utf8)
        return try MDSPolicyImport.apply(policy: dir + "/policy.json", geographies: dir + "/geographies.json",
                                         to: try TestScenarios.load(scenario), scenarioFile: "city.json")
    }

    func testQuotasRushHourCapsNoParkingAndIgnoredRules() throws {
        let outcome = try apply()
        let s = outcome.scenario
        XCTAssertEqual(s.operators.map(\.quota), [300, 200])
        // 50 split by capacity 100 : 60 = 31.25 : 18.75, largest remainder: 31 and 19.
        let weekdays = TimeWindow(start: 7 * 3600, end: 9 * 3600 + 1800)
        XCTAssertEqual(s.zones[0].capacityWindows, [CapacityWindow(window: weekdays, capacity: 31, days: .weekdays)])
        XCTAssertEqual(s.zones[1].capacityWindows, [CapacityWindow(window: weekdays, capacity: 19, days: .weekdays)])
        XCTAssertEqual(s.zones[0].capacity, 100, "the cap holds in the rush only")
        XCTAssertEqual(s.zones[2].capacity, 0, "no parking on the square")
        XCTAssertEqual(s.zones[3].capacity, 200)
        XCTAssertEqual(outcome.ignored, ["'Parking', rule 'Slow zone': rule_type speed is not modelled"])
        XCTAssertEqual([outcome.windows, outcome.capped, outcome.noParking], [2, 1, 1])
        // The scenario it writes reads back and runs.
        let text = ScenarioWriter.files(s, baseName: "new", tables: false)[0].contents
        let back = try ScenarioLoader.load(text: text, file: "new.json")
        XCTAssertEqual(Model(back).capacity(zone: 0, at: 8 * 3600), 31)
    }

    /// Quotas for a scenario without operators make operators of the providers, shares by quota.
    func testProvidersBecomeOperators() throws {
        let plain = scenario.replacingOccurrences(of: #""operators":[{"id":"hb","share":0.6,"quota":1000},{"id":"mt","share":0.4,"quota":1000}],"#, with: "")
        let dir = try TestScenarios.temporaryDirectory(self)
        try policies.write(toFile: dir + "/p.json", atomically: true, encoding: .utf8)
        try geographies.write(toFile: dir + "/g.json", atomically: true, encoding: .utf8)
        let outcome = try MDSPolicyImport.apply(policy: dir + "/p.json", geographies: dir + "/g.json", to: try TestScenarios.load(plain),
                                                scenarioFile: "city.json")
        XCTAssertEqual(outcome.scenario.operators.map(\.id), ["hb", "mt"])
        XCTAssertEqual(outcome.scenario.operators.map(\.share), [0.6, 0.4])
        XCTAssertEqual(outcome.operatorsMade, 2)
    }

    /// Bad files: one clear line each, naming the file and the place.
    func testBadPolicies() throws {
        func message(_ policy: String? = nil, _ geo: String? = nil) -> String {
            do { _ = try apply(policy: policy, geographies: geo); return "no error" } catch let e as TideSimError { return e.description } catch {
                return "\(error)"
            }
        }
        let unknown = policies.replacingOccurrences(of: #"["sq"],"maximum":0"#, with: #"["plaza"],"maximum":0"#)
        XCTAssertTrue(message(unknown).contains("policy.json: data.policies[2].rules[1].geographies[0]: unknown geography 'plaza'"), message(unknown))
        let empty = policies.replacingOccurrences(of: #"["sq"],"maximum":0"#, with: #"["ring"],"maximum":0"#)
        XCTAssertTrue(message(empty).contains("geographies.json: geography 'ring': 'Around the estate' holds no zone of city.json"), message(empty))
        let stranger = policies.replacingOccurrences(of: #"["mt"]"#, with: #"["lime"]"#)
        XCTAssertTrue(message(stranger).contains("provider 'lime' is not an operator of city.json (its operators: hb, mt)"), message(stranger))
        XCTAssertTrue(message(nil, #"{"version":"2.0.0","features":[]}"#).contains("expected an MDS document with 'geographies'"))
        let badTime = policies.replacingOccurrences(of: "07:00:00", with: "7 am")
        XCTAssertTrue(message(badTime).contains("data.policies[2].rules[0].start_time: expected a time of day"), message(badTime))
        for text in [message(unknown), message(empty), message(stranger)] { XCTAssertFalse(text.contains("\n"), text) }
    }

    /// A polygon with a hole: inside the outer ring and outside the hole.
    func testPolygonWithHole() {
        let outer = [(0.0, 0.0), (0, 4), (4, 4), (4, 0)].map { Coordinate(lat: $0.0, lon: $0.1) }
        let hole = [(1.0, 1.0), (1, 3), (3, 3), (3, 1)].map { Coordinate(lat: $0.0, lon: $0.1) }
        XCTAssertTrue(Polygon.contains([outer, hole], Coordinate(lat: 0.5, lon: 0.5)))
        XCTAssertFalse(Polygon.contains([outer, hole], Coordinate(lat: 2, lon: 2)))
        XCTAssertFalse(Polygon.contains([outer, hole], Coordinate(lat: 5, lon: 2)))
    }
}
