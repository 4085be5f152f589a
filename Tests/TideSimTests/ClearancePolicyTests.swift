import XCTest
@testable import TideSim
@testable @_spi(RawBytes) import TideSimBuffers
@testable import TideSimCore
@testable import TideSimModel
@testable import TideSimEngine
@testable import TideSimIO
@testable import TideSimReports

/// Issue 18, the `clearance` policy: dispatch by the clearance rule. Hand cases with the orders
/// worked out (docs/policies.md shows the first), the rules at every decision, and the trade-off
/// on Optics Valley and a 200-zone city measured against every other built-in policy.
final class ClearancePolicyTests: XCTestCase {
    /// Riders leave the estate for the office at 20 an hour from 06:00 to 10:00.
    private func city(metroBikes: Int = 60, estateBikes: Int = 10, clearanceMinutes: Double = 30, flows: String? = nil) -> String {
        """
        {"tidesim":1,
         "zones":[{"id":"metro","lat":30.500,"lon":114.400,"capacity":40,"bikes":\(metroBikes)},
                  {"id":"estate","lat":30.509,"lon":114.400,"capacity":100,"bikes":\(estateBikes)},
                  {"id":"office","lat":30.560,"lon":114.400,"capacity":1000,"bikes":0}],
         "holdingAreas":[{"id":"lot","lat":30.500,"lon":114.410,"capacity":200}],
         "demand":{"profiles":{"rush":[0,0,0,0,0,0,1,1,1,1,0,0,0,0,0,0,0,0,0,0,0,0,0,0]},
                   "flows":\(flows ?? #"[{"from":"estate","to":"office","tripsPerDay":80,"profile":"rush","minutes":20}]"#)},
         "trucks":{"count":1,"capacity":30,"depot":"lot","shifts":["06:00-10:00"]},
         "policy":{"name":"clearance","clearanceMinutes":\(clearanceMinutes)}}
        """
    }

    private let metro = Coordinate(lat: 30.5, lon: 114.4), estate = Coordinate(lat: 30.509, lon: 114.4)
    private let lot = Coordinate(lat: 30.5, lon: 114.41)

    /// The worked example of docs/policies.md. At 06:00 the metro exit holds 60 bikes on 40
    /// spaces: the policy has seen it over capacity since the shift started, so its deadline is
    /// 06:30 (it has been over since midnight, one breach already: no truck worked). It is cleared to its
    /// target count (32: 28 bikes), since its riders will not need them (no one rents there), and
    /// the estate 1 km away, which the forecast says runs dry at 06:45 (10 bikes, 5 riders every
    /// quarter hour), is as near as the lot: the 28 bikes go straight there. The truck drives from
    /// the lot to the exit and on to the estate.
    func testTheHotspotsSurplusGoesStraightToTheEstateRidersWillEmpty() throws {
        let model = Model(try TestScenarios.load(city()))
        let r = Replications.run(model: model, policy: "clearance", seed: 1, count: 1)[0]
        let orders = r.transfers.filter { !$0.toDepot }
        XCTAssertEqual(orders.map(\.order), [TransferOrder(truck: 0, pickup: .zone(0), dropoff: .zone(1), bikes: 28)])
        XCTAssertEqual(orders[0].issued, 6 * 3600)
        XCTAssertEqual(orders[0].km, (lot.distanceMeters(to: metro) + metro.distanceMeters(to: estate)) * 1.3 / 1000, accuracy: 1e-9)
        // 20 km/h over the detoured 0.96 km, then 28 loads of 10 s: at the exit 06:03:44, done 06:10:18.
        XCTAssertEqual(orders[0].atPickup, 6 * 3600 + lot.distanceMeters(to: metro) * 1.3 / (20 / 3.6), accuracy: 1e-6)
        XCTAssertEqual(r[zone: 0, .minutesOverCapacity]!, orders[0].atPickup / 60, accuracy: 1e-6,
                       "over capacity until the truck arrives (the bikes leave on arrival)")
    }

    /// Riders take bikes out of an exit 20 over capacity at 20 an hour: it is back at capacity at
    /// 07:00 on its own. With the rule at 30 minutes that is too late, and the truck clears just
    /// the 20 bikes over capacity (the riders will need the rest: none to the target); with the
    /// rule at 90 minutes the riders keep it, and the truck stays at the lot.
    func testTheRuleDecidesWhetherTheRidersOrTheTruckClearTheZone() throws {
        let flows = #"[{"from":"metro","to":"office","tripsPerDay":80,"profile":"rush","minutes":10}]"#
        let strict = Model(try TestScenarios.load(city(estateBikes: 50, flows: flows)))
        let orders = Replications.run(model: strict, policy: "clearance", seed: 1, count: 1)[0].transfers.filter { !$0.toDepot }
        XCTAssertEqual(orders.first?.order, TransferOrder(truck: 0, pickup: .zone(0), dropoff: .holding(0), bikes: 20), "\(orders.map(\.order))")
        XCTAssertEqual(orders.first?.issued, 6 * 3600)
        let lenient = Model(try TestScenarios.load(city(estateBikes: 50, clearanceMinutes: 90, flows: flows)))
        let none = Replications.run(model: lenient, policy: "clearance", seed: 1, count: 1)[0].transfers.filter { !$0.toDepot }
        XCTAssertEqual(none.map(\.order), [], "the riders bring it back to capacity before the 90 minutes are out")
    }

    /// Two hotspots and one truck: the exit over capacity now (deadline 06:30) is served before
    /// the estate that riders will take over capacity at 06:15 (deadline 06:45), though the estate
    /// has more bikes to clear.
    func testTheEarliestDeadlineIsServedFirst() throws {
        let flows = #"[{"from":"office","to":"estate","tripsPerDay":480,"profile":"rush","minutes":5}]"#
        let json = city(metroBikes: 50, estateBikes: 95, flows: flows).replacingOccurrences(of: #""bikes":0}]"#, with: #""bikes":900}]"#)
        let model = Model(try TestScenarios.load(json))
        let orders = Replications.run(model: model, policy: "clearance", seed: 1, count: 1)[0].transfers.filter { !$0.toDepot }
        XCTAssertEqual(orders.first?.order.pickup, .zone(0), "\(orders.prefix(3).map(\.order))")
        XCTAssertEqual(orders.dropFirst().first?.order.pickup, .zone(1), "then the estate")
    }

    /// At every decision on the bundled districts and a generated one with two shifts, every
    /// order `clearance` gives can be finished in its truck's shift and territory, and no held
    /// bike goes to a zone at or over capacity; bikes are conserved and every order finishes.
    func testEveryOrderCanBeFinished() throws {
        var district = CityGenerator.generate(CityParameters.preset("district")!, name: "district")
        district.trucks?.shifts = [TimeWindow(parsing: "06:30-10:30")!, TimeWindow(parsing: "16:00-20:30")!]
        let models = [Model(try ScenarioLoader.load(path: TestScenarios.bundled("quickstart"))),
                      Model(try ScenarioLoader.load(path: TestScenarios.bundled("optics-valley"))), Model(district)]
        var orders = 0
        for model in models {
            var sim = Simulation(model: model, seed: 4, replication: 1, policy: FinishChecked(ClearancePolicy(horizonMinutes: 60)),
                                 observer: TransferObserver(model: model))
            let r = sim.run()
            XCTAssertEqual(sim.policy.violations.prefix(3), [], model.name)
            XCTAssertEqual(sim.observer.violations, [], model.name)
            XCTAssertTrue(r.transfers.allSatisfy { !$0.finished.isNaN }, model.name)
            orders += sim.policy.orders
        }
        XCTAssertGreaterThan(orders, 300, "the trucks work")
    }

    /// The issue's bar: on Optics Valley and on a generated 200-zone city with two shifts (10
    /// replications, the same riders for every policy), `clearance` has fewer clearance breaches
    /// than every other built-in policy, and loses no more trips than `none` (the paired 95%
    /// interval of the difference reaches 0 or lies below it); so does `predictive`, which brings
    /// held bikes back by forecast need.
    func testFewestBreachesWithoutCostingRiders() throws {
        let district = CityGenerator.generate(CityParameters.preset("district")!, name: "district")
        XCTAssertEqual(district.trucks?.shifts.count, 2)
        for model in [Model(try ScenarioLoader.load(path: TestScenarios.bundled("optics-valley"))), Model(district)] {
            let report = ComparisonReport.run(model: model, policies: PolicyCatalog.names, seed: 11, replications: 10, threads: 2)
            let breaches = report.runs.map { $0.system[SystemKPI.clearanceBreaches.rawValue].mean! }
            let k = PolicyCatalog.names.firstIndex(of: "clearance")!
            for (i, name) in PolicyCatalog.names.enumerated() where i != k {
                XCTAssertLessThan(breaches[k], breaches[i], "\(model.name): clearance \(breaches[k]) breaches, \(name) \(breaches[i])")
            }
            for name in ["clearance", "predictive"] {
                let lost = report.paired[PolicyCatalog.names.firstIndex(of: name)! - 1][SystemKPI.tripsLost.rawValue]
                XCTAssertLessThanOrEqual(lost.mean! - lost.ci95!, 0, "\(model.name): \(name) loses more trips than none: \(lost)")
            }
        }
    }
}

/// A policy wrapped to check, at every decision, that each order can be finished in its truck's
/// shift and territory, and that no held bike goes to a zone at or over capacity.
struct FinishChecked<Inner: TransferPolicy>: TransferPolicy {
    var inner: Inner
    var violations: [String] = []
    var orders = 0
    init(_ inner: Inner) { self.inner = inner }
    var name: String { inner.name }

    mutating func decide(_ view: PolicyView) -> [TransferOrder] {
        let given = inner.decide(view)
        orders += given.count
        for o in given {
            if !view.canFinish(truck: o.truck, pickup: o.pickup, dropoff: o.dropoff, bikes: o.bikes) {
                violations.append("t=\(view.time): truck \(o.truck) given \(o) it cannot finish by \(view.orderDeadline(truck: o.truck))")
            }
            if case .holding = o.pickup, case .zone(let z) = o.dropoff, view.zoneBikes[z] >= view.model.zoneCapacity[z] {
                violations.append("t=\(view.time): held bikes sent to zone \(z), at or over capacity: \(o)")
            }
        }
        return given
    }
}
