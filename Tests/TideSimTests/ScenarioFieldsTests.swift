import XCTest
@testable import TideSim
@testable @_spi(RawBytes) import TideSimBuffers
@testable import TideSimCore
@testable import TideSimModel
@testable import TideSimEngine
@testable import TideSimIO
@testable import TideSimReports

/// The scenario's fields are declared once (`ScenarioFields`): the docs' tables are that list,
/// the decoder accepts exactly its keys, and a number's stated default is the one decoded.
final class ScenarioFieldsTests: XCTestCase {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func testTheDocsTablesAreTheDeclaredFields() throws {
        let docs = try String(contentsOf: root.appendingPathComponent("docs/scenario-format.md"), encoding: .utf8)
        for table in ScenarioField.DocTable.allCases {
            XCTAssertTrue(docs.contains(ScenarioFields.markdown(table)),
                          "docs/scenario-format.md lacks the \(table) table as declared:\n\(ScenarioFields.markdown(table))")
        }
    }

    /// A number's default as the docs state it is the value the decoder takes when it is absent.
    func testStatedDefaultsAreTheDecodedOnes() throws {
        let scenario = try TestScenarios.load("""
            {"tidesim":1,"zones":[{"id":"a","lat":30.5,"lon":114.4,"capacity":10}],"holdingAreas":[{"id":"h","lat":30.5,"lon":114.41,"capacity":5}],
             "demand":{"flows":[{"from":"a","to":"a","tripsPerDay":1}]},"trucks":{"count":1,"capacity":5,"depot":"a"},"policy":{"name":"threshold"},
             "costs":{},"inspections":{"inspectors":1}}
            """)
        let inspections = try XCTUnwrap(scenario.inspections)
        // Keyed by the field's object and key.
        let decoded: [String: Double] = [
            "|seed": Double(scenario.seed), "|days": Double(scenario.days), "|warmupDays": Double(scenario.warmupDays),
            "|sampleMinutes": Double(scenario.sampleMinutes), "zones[]|bikes": Double(scenario.zones[0].bikes),
            "holdingAreas[]|bikes": Double(scenario.holdingAreas[0].bikes), "demand|scale": scenario.demand.scale,
            "demand|walkMeters": scenario.demand.walkMeters, "demand|switchOperator": scenario.demand.switchOperator, "demand.ride|speedKmh": scenario.demand.ride.speedKmh,
            "demand.ride|detour": scenario.demand.ride.detour, "demand.ride|minMinutes": scenario.demand.ride.minMinutes,
            "demand.ride|cv": scenario.demand.ride.cv, "trucks|speedKmh": scenario.trucks!.speedKmh, "trucks|detour": scenario.trucks!.detour,
            "trucks|loadSeconds": scenario.trucks!.loadSeconds, "policy|high": scenario.policy.high, "policy|target": scenario.policy.target,
            "policy|low": scenario.policy.low, "policy|everyMinutes": scenario.policy.everyMinutes,
            "policy|horizonMinutes": scenario.policy.horizonMinutes, "policy|clearanceMinutes": scenario.policy.clearanceMinutes,
            "costs|truckPerDay": scenario.costs!.truckPerDay, "costs|holdingAreaPerDay": scenario.costs!.holdingAreaPerDay,
            "costs|bikePerDay": scenario.costs!.bikePerDay,
            "inspections|speedKmh": inspections.speedKmh, "inspections|detour": inspections.detour,
            "inspections|dwellMinutes": inspections.dwellMinutes, "inspections|respondMinutes": inspections.respondMinutes,
            "inspections.points|order": inspections.orderPoints, "inspections.points|late": inspections.latePoints,
        ]
        var checked = 0
        for field in ScenarioFields.all where field.defaultValue != nil {
            let name = "\(field.object)|\(field.key)"
            let value = try XCTUnwrap(decoded[name], "\(name) has a default the test does not check")
            XCTAssertEqual(field.defaultValue, value, name)
            XCTAssertEqual(field.defaultText, JSONWriter.format(value), "\(name): the docs state the default")
            checked += 1
        }
        XCTAssertEqual(checked, decoded.count, "every default checked is declared")
    }

    /// The decoder refuses a key the list does not declare, in every object, and accepts each it does.
    func testEveryObjectAcceptsExactlyItsDeclaredKeys() throws {
        XCTAssertEqual(ScenarioFields.allowedKeys(in: ""), ["tidesim", "name", "description", "seed", "days", "warmupDays", "sampleMinutes",
                                                            "fleet", "zones", "holdingAreas", "demand", "trucks", "policy", "costs", "operators", "inspections"])
        XCTAssertEqual(ScenarioFields.allowedKeys(in: "demand"), ["scale", "walkMeters", "ride", "switchOperator", "profiles", "flows"])
        XCTAssertEqual(ScenarioFields.allowedKeys(in: "policy.zones{}"), ["high", "target", "low", "holdingArea", "priority"])
        let base = #"{"tidesim":1,"zones":[{"id":"a","lat":30.5,"lon":114.4,"capacity":10}],"demand":{"ride":{}},"trucks":{"count":0,"capacity":1},"policy":{"zones":{"a":{}}},"costs":{},"fleet":{}}"#
        XCTAssertNoThrow(try TestScenarios.load(base))
        for (object, path) in [("", ""), ("fleet", "fleet"), ("zones[]", "zones[0]"), ("demand", "demand"), ("demand.ride", "demand.ride"),
                               ("trucks", "trucks"), ("policy", "policy"), ("policy.zones{}", "policy.zones.a"), ("costs", "costs")] {
            XCTAssertFalse(ScenarioFields.allowedKeys(in: object).isEmpty, object)
            let set = "\(path.isEmpty ? "" : path + ".")bogusKey=1"
            XCTAssertThrowsError(try TestScenarios.load(base, overrides: [set]), object) { error in
                XCTAssertTrue("\(error)".contains("bogusKey: unknown key"), "\(error)")
            }
        }
    }
}

