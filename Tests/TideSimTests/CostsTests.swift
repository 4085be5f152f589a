import XCTest
@testable import TideSim
@testable import TideSimModel
@testable import TideSimIO
@testable import TideSimReports

/// `"costs"`: decoded, checked, written back, and the day's cost of the levers worked out by hand.
final class CostsTests: XCTestCase {
    let quickstart = TestScenarios.packageRoot + "/scenarios/quickstart.json"

    func testTheDaysCostOfTheLevers() throws {
        let costs = #"costs={"currency":"EUR","truckPerDay":800,"holdingAreaPerDay":500,"bikePerDay":2.5}"#
        let s = try ScenarioLoader.load(path: quickstart, overrides: [try Override(parsing: costs)])
        // Quickstart: 2 trucks, 1 holding area of capacity 400, 640 bikes.
        let day = try XCTUnwrap(s.costPerDay)
        XCTAssertEqual(day.currency, "EUR")
        XCTAssertEqual([day.trucks, day.holdingAreas, day.bikes], [2, 1, 640])
        XCTAssertEqual(day.total, 2 * 800 + 500 + 640 * 2.5)
        XCTAssertEqual(Model(s).costPerDay, day)
        XCTAssertTrue(ScenarioText.render(s, file: "q.json").contains("\n  costs          3,700 EUR a day for the levers (2 trucks, 1 holding area, 640 bikes)\n"),
                      ScenarioText.render(s, file: "q.json"))
        // A lot closed by a what-if costs nothing; --fleet changes the bikes paid for.
        let closed = try ScenarioLoader.load(path: quickstart, overrides: [try Override(parsing: costs), try Override(parsing: "holdingAreas[lot-east].capacity=0")],
                                             fleet: .percent(-50))
        XCTAssertEqual(closed.costPerDay?.holdingAreas, 0)
        XCTAssertEqual(closed.costPerDay?.total, 2 * 800 + 320 * 2.5)
        XCTAssertNil(try ScenarioLoader.load(path: quickstart).costPerDay, "no costs stated, none reported")
        // Written back as read.
        let text = ScenarioWriter.files(s, baseName: "q", tables: false)[0].contents
        XCTAssertEqual(try ScenarioLoader.load(text: text, file: "q.json", directory: TestScenarios.packageRoot + "/scenarios").costs, s.costs)
        // The currency defaults to CNY, amounts to 0.
        let cny = try ScenarioLoader.load(path: quickstart, overrides: [try Override(parsing: #"costs={"truckPerDay":1}"#)])
        XCTAssertEqual(cny.costs, Costs(currency: "CNY", truckPerDay: 1))
    }

    func testMistakesInCosts() {
        let bad: [(String, String)] = [
            (#"{"truckPerDay":-1}"#, "costs.truckPerDay"),
            (#"{"truckperday":1}"#, "costs.truckperday"),
            (#"{"bikePerDay":"lots"}"#, "costs.bikePerDay"),
            ("5", "costs"),
        ]
        for (value, place) in bad {
            XCTAssertThrowsError(try ScenarioLoader.load(path: quickstart, overrides: [try Override(parsing: "costs=\(value)")]), value) { error in
                guard case .usage(let m)? = error as? TideSimError else { return XCTFail("\(error)") }
                XCTAssertTrue(m.contains(place + ":"), m)
            }
        }
    }
}
