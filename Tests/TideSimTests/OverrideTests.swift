import XCTest
@testable import TideSim
@testable @_spi(RawBytes) import TideSimBuffers
@testable import TideSimCore
@testable import TideSimModel
@testable import TideSimEngine
@testable import TideSimIO
@testable import TideSimReports

final class OverrideTests: XCTestCase {
    func testSetsFieldsByKeyIDAndIndex() throws {
        let s = try TestScenarios.load(TestScenarios.base, overrides: [
            "trucks.count=6", "zones[b].capacity=200", "zones[0].bikes=3", "demand.scale=1.2", "policy.name=predictive",
            "policy.zones[b].target=0.5", "trucks.shifts=[\"05:00-09:00\",\"17:00-21:00\"]", "name=My what-if",
        ])
        XCTAssertEqual(s.trucks?.count, 6)
        XCTAssertEqual(s.zones[1].capacity, 200)
        XCTAssertEqual(s.zones[0].bikes, 3)
        XCTAssertEqual(s.demand.scale, 1.2)
        XCTAssertEqual(s.policy.name, "predictive")
        XCTAssertEqual(s.policy.zones[0].target, 0.5)
        XCTAssertEqual(s.trucks?.shifts.count, 2)
        XCTAssertEqual(s.name, "My what-if")
    }

    func testAppendsAnElement() throws {
        let lot = #"holdingAreas[+]={"id":"lot-4","lat":30.52,"lon":114.41,"capacity":300,"bikes":10}"#
        let s = try TestScenarios.load(TestScenarios.base, overrides: [lot, "holdingAreas[lot-4].capacity=400"])
        XCTAssertEqual(s.holdingAreas.map(\.id), ["lot", "lot-4"])
        XCTAssertEqual(s.holdingAreas[1].capacity, 400)
        XCTAssertEqual(s.fleet, 20)
        // A bad new element is a usage error naming it.
        XCTAssertEqual(usage(["holdingAreas[+]={\"id\":\"lot-5\"}"]),
                       "--set holdingAreas[+]={\"id\":\"lot-5\"}: holdingAreas[1].capacity: missing; expected a whole number between 0 and 10000000")
    }

    func testCreatesMissingBlocks() throws {
        let text = TestScenarios.base(replacing: #""name": "Test","#, with: #""name": "Test", "description": "x","#)
        let s = try TestScenarios.load(text, overrides: ["demand.ride.cv=0", "fleet.cap=7"])
        XCTAssertEqual(s.demand.ride.cv, 0)
        XCTAssertEqual(s.fleetCap, 7)
    }

    private func usage(_ overrides: [String]) -> String? {
        do {
            _ = try TestScenarios.load(TestScenarios.base, overrides: overrides)
            return nil
        } catch TideSimError.usage(let message) {
            return message
        } catch {
            return "unexpected: \(error)"
        }
    }

    func testBadPathsAndValuesAreUsageErrors() {
        XCTAssertEqual(usage(["trucks.cont=6"]),
                       "--set trucks.cont=6: trucks.cont: unknown key (did you mean 'count'?); expected one of: count, capacity, speedKmh, detour, loadSeconds, depot, shifts, maxOrderKm, id, serves")
        XCTAssertEqual(usage(["zones[metro-x].capacity=3"]),
                       "--set zones[metro-x].capacity=3: no element 'metro-x' at zones; select by id or by index 0..<2")
        XCTAssertEqual(usage(["demand.scale=lots"]), "--set demand.scale=lots: demand.scale: expected a number, got 'lots'")
        XCTAssertEqual(usage(["zones[a].capacity=-1"]), "--set zones[a].capacity=-1: zones[0].capacity: must be between 0 and 10000000, got -1")
        XCTAssertEqual(usage(["name.first=x"]), "--set name.first=x: cannot set 'first' inside name, which is a string")
        XCTAssertThrowsError(try Override(parsing: "trucks.count"))
        XCTAssertThrowsError(try Override(parsing: "zones[.x=1"))
        XCTAssertThrowsError(try Override(parsing: "=1"))
    }

    func testFleetRescalingByLargestRemainder() throws {
        XCTAssertEqual(FleetRescaling.largestRemainder(total: 10, weights: [1, 1, 1]), [4, 3, 3])
        XCTAssertEqual(FleetRescaling.largestRemainder(total: 7, weights: [5, 3, 2]), [4, 2, 1])  // quotas 3.5, 2.1, 1.4
        let s = try TestScenarios.load(TestScenarios.base, fleet: 25)
        XCTAssertEqual(s.zones.map(\.bikes), [20, 5])
        XCTAssertEqual(s.fleet, 25)
        let withHeld = try TestScenarios.load(TestScenarios.base.replacingOccurrences(of: #""capacity": 50,"#, with: #""capacity": 50, "bikes": 5,"#), fleet: 15)
        XCTAssertEqual(withHeld.zones.map(\.bikes), [8, 2])
        XCTAssertThrowsError(try TestScenarios.load(TestScenarios.base.replacingOccurrences(of: #""capacity": 50,"#, with: #""capacity": 50, "bikes": 5,"#), fleet: 4))
    }
}
