import XCTest
@testable import TideSim
@testable @_spi(RawBytes) import TideSimBuffers
@testable import TideSimCore
@testable import TideSimModel
@testable import TideSimEngine
@testable import TideSimIO
@testable import TideSimReports

/// Issue 21, flying inspections (DESIGN section 2b): inspectors, work orders, detection.
final class InspectionTests: XCTestCase {
    /// A metro exit 30 bikes over its 50 spaces all day, nobody riding; one inspector watching it
    /// from 08:00 to 11:00, 10-minute visits, 45 minutes to respond.
    private func hand(trucks: String = "", policy: String = "none") -> String {
        """
        {"tidesim":1,
         "zones":[{"id":"exit","lat":30.5,"lon":114.4,"capacity":50,"bikes":80},{"id":"estate","lat":30.51,"lon":114.4,"capacity":100,"bikes":0}],
         "holdingAreas":[{"id":"lot","lat":30.502,"lon":114.4,"capacity":500}],
         "demand":{"flows":[]},\(trucks)
         "policy":{"name":"\(policy)"},
         "inspections":{"inspectors":1,"shifts":["08:00-11:00"],"dwellMinutes":10,"route":"watchlist","watchlist":["exit"],"respondMinutes":45}}
        """
    }

    /// Nobody clears the hotspot. Visits start every 10 minutes from 08:00 to 10:50: 18. The first
    /// finds it over and orders it cleared by 08:45; visits meanwhile find the order open; at 08:45
    /// it is late, and the 08:50 visit gives a new one (late at 09:35), then 09:40 (late at 10:25)
    /// and 10:30 (late at 11:15): 4 orders, 4 late, 4 × 1 + 4 × 5 = 24 points. The episode began
    /// at midnight and was first seen at 08:00: detected after 480 minutes.
    func testAHotspotNobodyClears() throws {
        let r = Replications.run(model: Model(try TestScenarios.load(hand())), policy: nil, seed: 1, count: 1)[0]
        XCTAssertEqual(r[inspection: .inspections], 18)
        XCTAssertEqual(r[inspection: .overCapacityFound], 18)
        XCTAssertEqual(r[inspection: .workOrders], 4)
        XCTAssertEqual(r[inspection: .ordersLate], 4)
        XCTAssertEqual(r[inspection: .ordersMetInTime], 0)
        XCTAssertEqual(r[inspection: .penaltyPoints], 24)
        XCTAssertEqual(r[inspection: .detectionRate], 1)
        XCTAssertEqual(r[inspection: .minutesToDetection]!, 480, accuracy: 1e-9)
        XCTAssertEqual(r.zoneVisits, [18, 0])
        XCTAssertEqual(r.zoneOrders, [4, 0])
        // Over the day: six visits in each of 08, 09 and 10 o'clock; orders at 08:00, 08:50, 09:40, 10:30.
        XCTAssertEqual(r.inspectionHours?.visits[8...10], [6, 6, 6])
        XCTAssertEqual(r.inspectionHours?.orders[8...10], [2, 1, 1])
        XCTAssertEqual(r.inspectionHours?.visits.reduce(0, +), 18)
    }

    /// With one 60-bike truck on shift from 08:00 under `threshold`: the 08:00 visit gives an
    /// order, the truck clears the exit minutes later, the order is met in time, and no later
    /// visit finds the exit over.
    func testOneTruckMeetsTheOrder() throws {
        let trucks = #" "trucks":{"count":1,"capacity":60,"depot":"lot","shifts":["08:00-11:00"]},"#
        for policy in ["threshold", "predictive", "rebalance", "clearance"] {
            let r = Replications.run(model: Model(try TestScenarios.load(hand(trucks: trucks, policy: policy))), policy: nil, seed: 1, count: 1)[0]
            XCTAssertEqual(r[inspection: .inspections], 18, policy)
            XCTAssertEqual(r[inspection: .workOrders], 1, policy)
            XCTAssertEqual(r[inspection: .ordersMetInTime], 1, policy)
            XCTAssertEqual(r[inspection: .ordersLate], 0, policy)
            XCTAssertEqual(r[inspection: .penaltyPoints], 1, policy)
            XCTAssertEqual(r[inspection: .overCapacityFound], 1, policy)
        }
    }

    /// Inspections never change the riders, and a city's results without them are those of the
    /// same city with inspectors who find nothing to order (the metrics of the zones).
    func testInspectionsNeverChangeTheRiders() throws {
        let text = try String(contentsOfFile: TestScenarios.bundled("quickstart"), encoding: .utf8)
        let plain = Model(try TestScenarios.load(text, directory: TestScenarios.packageRoot + "/scenarios"))
        let inspected = Model(try TestScenarios.load(String(text.dropLast().trimmingCharacters(in: .whitespacesAndNewlines).dropLast())
            + #", "inspections": {"inspectors": 4, "shifts": ["07:00-10:00", "17:00-20:00"]}}"#, directory: TestScenarios.packageRoot + "/scenarios"))
        let a = Replications.run(model: plain, policy: "none", seed: 3, count: 2)
        let b = Replications.run(model: inspected, policy: "none", seed: 3, count: 2)
        for (x, y) in zip(a, b) {
            // Without trucks nothing acts on the orders: everything but the inspections is the same.
            XCTAssertEqual(x.system, y.system)
            XCTAssertEqual(x.zones, y.zones)
            XCTAssertGreaterThan(y[inspection: .inspections]!, 0)
            XCTAssertTrue(x.inspection.isEmpty)
        }
        // Under a policy that moves bikes the outcome may change; the riders (attempts) do not.
        let c = Replications.run(model: plain, policy: "threshold", seed: 3, count: 2)
        let d = Replications.run(model: inspected, policy: "threshold", seed: 3, count: 2)
        for (x, y) in zip(c, d) { XCTAssertEqual(x[.tripAttempts], y[.tripAttempts]) }
    }

    /// With operators, each operator's orders and points follow its own bikes: at the exit (50
    /// spaces, shares 0.5 each: fair shares 25) `a` holds 60 and `b` 20. Only `a` is above its
    /// share: it gets the hand case's 4 orders, 4 late, 24 points; `b` none. Given `a` a truck, its
    /// one order is met; `b`, still within its share, never gets one.
    func testOrdersFollowEachOperatorsBikes() throws {
        func city(_ trucks: String) -> String {
            """
            {"tidesim":1,
             "zones":[{"id":"exit","lat":30.5,"lon":114.4,"capacity":50,"bikesByOperator":{"a":60,"b":20}},
                      {"id":"estate","lat":30.51,"lon":114.4,"capacity":100,"bikes":0}],
             "holdingAreas":[{"id":"lot","lat":30.502,"lon":114.4,"capacity":500}],
             "operators":[{"id":"a","share":0.5,"quota":1000\(trucks)},{"id":"b","share":0.5,"quota":1000}],
             "demand":{"flows":[]}, "policy":{"name":"clearance"},
             "inspections":{"inspectors":1,"shifts":["08:00-11:00"],"dwellMinutes":10,"route":"watchlist","watchlist":["exit"],"respondMinutes":45}}
            """
        }
        let r = Replications.run(model: Model(try TestScenarios.load(city(""))), policy: nil, seed: 1, count: 1)[0]
        XCTAssertEqual(r[operator: 0, .workOrders], 4)
        XCTAssertEqual(r[operator: 0, .ordersLate], 4)
        XCTAssertEqual(r[operator: 0, .penaltyPoints], 24)
        XCTAssertEqual(r[operator: 1, .workOrders], 0)
        XCTAssertEqual(r[operator: 1, .penaltyPoints], 0)
        XCTAssertEqual(r[inspection: .workOrders], 4)
        let truck = #","trucks":{"count":1,"capacity":60,"depot":"lot","shifts":["08:00-11:00"]}"#
        let t = Replications.run(model: Model(try TestScenarios.load(city(truck))), policy: nil, seed: 1, count: 1)[0]
        XCTAssertEqual(t[operator: 0, .workOrders], 1)
        XCTAssertEqual(t[operator: 0, .ordersMetInTime], 1)
        XCTAssertEqual(t[operator: 1, .workOrders], 0)
    }
}
