import XCTest
@testable import TideSim
@testable @_spi(RawBytes) import TideSimBuffers
@testable import TideSimCore
@testable import TideSimModel
@testable import TideSimEngine
@testable import TideSimIO
@testable import TideSimReports

/// Issue 18, orders that can be finished: every built-in policy gives a truck an order only if it
/// can drive, load, drive and unload inside its shift and the holding areas' hours; the trucks go
/// back to their depot after the shift; every order in the records is finished and the run's
/// truck kilometres are the orders' kilometres.
final class DispatchRuleTests: XCTestCase {
    private func fleet(_ shifts: [String]) -> TruckSettings {
        TruckSettings(count: 1, capacity: 10, secondsPerMeter: 0.1, kmPerMeter: 0.0013, loadSeconds: 10, depot: .zone(0),
                      shifts: shifts.map { TimeWindow(parsing: $0)! })
    }

    func testShiftEndIsTheEndOfTheWindowHoldingTheTime() {
        let h = 3600.0, day = 86_400.0
        let two = fleet(["06:00-10:00", "16:00-20:00"])
        XCTAssertEqual(two.shiftEnd(at: 6 * h), 10 * h, "a window's start belongs to it")
        XCTAssertEqual(two.shiftEnd(at: 9.99 * h), 10 * h)
        XCTAssertNil(two.shiftEnd(at: 10 * h), "its end does not")
        XCTAssertNil(two.shiftEnd(at: 12 * h))
        XCTAssertEqual(two.shiftEnd(at: 17 * h), 20 * h)
        XCTAssertEqual(two.shiftEnd(at: day + 7 * h), day + 10 * h, "on day 2")
        XCTAssertEqual(fleet(["06:00-12:00", "12:00-18:00"]).shiftEnd(at: 7 * h), 18 * h, "windows that follow on are one shift")
        let night = fleet(["22:00-02:00"])
        XCTAssertEqual(night.shiftEnd(at: 23 * h), day + 2 * h, "across midnight")
        XCTAssertEqual(night.shiftEnd(at: 1 * h), 2 * h, "the morning part of the night before's window")
        XCTAssertEqual(fleet(["22:00-24:00", "00:00-06:00"]).shiftEnd(at: 23 * h), day + 6 * h)
        XCTAssertEqual(fleet([]).shiftEnd(at: 5 * h), .infinity, "no shifts: all day")
    }

    /// A hotspot 20 km from the depot and the lot beside it: the drive there takes 20 × 1.3 / 20
    /// km/h = 78 minutes. With a one-hour shift no order can be finished, so none is given and
    /// nothing moves; with a six-hour shift the first order is the one worked out by hand, and
    /// the hotspot is cleared to its target before a held bike goes back to the half-full depot
    /// zone (5 of 10 bikes: below its target of 8, not short), though the shift is the release
    /// period (it starts at the last shift's start).
    func testNoOrderATruckCouldNotFinish() throws {
        func scenario(_ shift: String) -> String {
            """
            {"tidesim":1,
             "zones":[{"id":"depot","lat":30.50,"lon":114.40,"capacity":10,"bikes":5},
                      {"id":"hot","lat":30.68,"lon":114.40,"capacity":50,"bikes":110}],
             "holdingAreas":[{"id":"lot","lat":30.681,"lon":114.40,"capacity":500}],
             "trucks":{"count":1,"capacity":30,"speedKmh":20,"detour":1.3,"loadSeconds":10,"depot":"depot","shifts":["\(shift)"]},
             "policy":{"name":"threshold","high":1.0,"target":0.8}}
            """
        }
        let short = Model(try TestScenarios.load(scenario("06:00-07:00")))
        let r = Replications.run(model: short, policy: "threshold", seed: 1, count: 1)[0]
        XCTAssertEqual(r.transfers.filter { !$0.toDepot }, [], "no order fits in an hour")
        XCTAssertEqual(r[.truckKm], 0)

        let long = Model(try TestScenarios.load(scenario("06:00-12:00")))
        let l = Replications.run(model: long, policy: "threshold", seed: 1, count: 1)[0]
        let first = try XCTUnwrap(l.transfers.first)
        // Clear 110 - floor(0.8 × 50) = 70 bikes: 30 a trip (the truck's capacity).
        XCTAssertEqual(first.order, TransferOrder(truck: 0, pickup: .zone(1), dropoff: .holding(0), bikes: 30))
        let toHot = Coordinate(lat: 30.50, lon: 114.40).distanceMeters(to: Coordinate(lat: 30.68, lon: 114.40))
        let toLot = Coordinate(lat: 30.68, lon: 114.40).distanceMeters(to: Coordinate(lat: 30.681, lon: 114.40))
        XCTAssertEqual(first.km, (toHot + toLot) * 1.3 / 1000, accuracy: 1e-9)
        XCTAssertEqual(first.atPickup, 6 * 3600 + toHot * 1.3 / (20 / 3.6), accuracy: 1e-6)
        XCTAssertEqual(first.finished, first.atPickup + 300 + toLot * 1.3 / (20 / 3.6) + 300, accuracy: 1e-6)
        let policyOrders = l.transfers.filter { !$0.toDepot }.map(\.order)
        XCTAssertEqual(policyOrders.prefix(3).map(\.bikes), [30, 30, 10], "70 bikes cleared in orders of 30, 30 and 10")
        XCTAssertEqual(policyOrders.dropFirst(3).map(\.pickup), Array(repeating: .holding(0), count: policyOrders.count - 3),
                       "then held bikes go back out: \(policyOrders)")
        for t in l.transfers { XCTAssertLessThanOrEqual(t.finished, 12 * 3600 + (t.toDepot ? 3 * 3600 : 0)) }
    }

    /// On the bundled cities and a generated one, under every built-in policy and in several
    /// replications: every order is finished, each policy order by the end of the shift it was
    /// given in, and the run's truck kilometres are the sum of the orders' kilometres.
    func testEveryOrderFinishedInsideItsShift() throws {
        var models = [("quickstart", Model(try ScenarioLoader.load(path: TestScenarios.bundled("quickstart")))),
                      ("optics-valley", Model(try ScenarioLoader.load(path: TestScenarios.bundled("optics-valley"))))]
        var generated = CityGenerator.generate(CityParameters.preset("district")!, name: "district")
        generated.trucks?.shifts = [TimeWindow(parsing: "07:00-09:30")!, TimeWindow(parsing: "17:00-19:00")!]
        models.append(("district", Model(generated)))
        var orders = 0
        for (name, model) in models {
            let fleet = try XCTUnwrap(model.trucks, name)
            for policy in ["threshold", "predictive", "rebalance", "clearance"] where model.holdingCount > 0 || policy == "rebalance" {
                for r in Replications.run(model: model, policy: policy, seed: 5, count: 3, threads: 2) {
                    var km = 0.0
                    for t in r.transfers {
                        XCTAssertFalse(t.finished.isNaN, "\(name) \(policy): an order never finished: \(t)")
                        if !t.toDepot {
                            let end = try XCTUnwrap(fleet.of(truck: t.order.truck).shiftEnd(at: t.issued), "\(name) \(policy): an order given off shift")
                            XCTAssertLessThanOrEqual(t.finished, end + 1e-6, "\(name) \(policy): \(t)")
                            orders += 1
                        }
                        km += t.km
                    }
                    XCTAssertEqual(r[.truckKm]!, km, accuracy: 1e-6 * max(1, km), "\(name) \(policy) replication \(r.replication)")
                }
            }
        }
        XCTAssertGreaterThan(orders, 500, "the trucks work")
    }
}

extension DispatchRuleTests {
    /// Refilling by need: an empty zone beside a lot of 100 held bikes, and two half-full estates
    /// 3 and 5 km away. The empty zone is refilled to its target (80 bikes: three orders of 30,
    /// 30 and 20, each a 100 m drive) before a held bike goes to the estates.
    func testTheEmptyZoneIsRefilledFirst() throws {
        let json = """
            {"tidesim":1,
             "zones":[{"id":"empty","lat":30.500,"lon":114.400,"capacity":100,"bikes":0},
                      {"id":"e1","lat":30.527,"lon":114.400,"capacity":100,"bikes":50},
                      {"id":"e2","lat":30.545,"lon":114.400,"capacity":100,"bikes":50}],
             "holdingAreas":[{"id":"lot","lat":30.5009,"lon":114.400,"capacity":200,"bikes":100}],
             "trucks":{"count":1,"capacity":30,"depot":"lot","shifts":["06:00-12:00"]},
             "policy":{"name":"threshold"}}
            """
        let model = Model(try TestScenarios.load(json))
        let r = Replications.run(model: model, policy: "threshold", seed: 1, count: 1)[0]
        let orders = r.transfers.filter { !$0.toDepot }
        XCTAssertEqual(orders.prefix(3).map(\.order), [30, 30, 20].map { TransferOrder(truck: 0, pickup: .holding(0), dropoff: .zone(0), bikes: $0) },
                       "\(orders.map(\.order))")
        let metres = Coordinate(lat: 30.5009, lon: 114.4).distanceMeters(to: Coordinate(lat: 30.5, lon: 114.4))
        XCTAssertEqual(orders[0].km, metres * 1.3 / 1000, accuracy: 1e-9, "the truck starts at the lot")
        XCTAssertEqual(orders[1].km, 2 * metres * 1.3 / 1000, accuracy: 1e-9, "back to the lot and out again")
        XCTAssertTrue(orders.dropFirst(3).allSatisfy { $0.order.dropoff != .zone(0) })
        XCTAssertEqual(r[zone: 0, .lostRentals], 0)
    }
}

extension DispatchRuleTests {
    /// On the Bay Area stations with riders emptying stations in San Jose and in San Francisco,
    /// each city's fleet works only in its city (issue 18's territories). `trucks.maxOrderKm`
    /// bounds one order's drive: one fleet of vans based in San Francisco, 15 km an order, stays
    /// in San Francisco; without the bound the vans drive to San Jose.
    func testOrdersStayWithinReach() throws {
        let flows = #"[{"from":"2","to":"3","tripsPerDay":300},{"from":"4","to":"5","tripsPerDay":300},{"from":"39","to":"41","tripsPerDay":200},{"from":"58","to":"60","tripsPerDay":200}]"#
        let cities = try ScenarioLoader.load(path: TestScenarios.bundled("bayarea-2014-stations"), overrides: [try Override(parsing: "demand.flows=\(flows)")])
        XCTAssertEqual(cities.fleets.map(\.id), ["san-francisco", "san-jose", "redwood-city", "mountain-view", "palo-alto"])
        func orders(_ s: Scenario) -> [(TransferRecord, String, String)] {
            let model = Model(s)
            return Replications.run(model: model, policy: "rebalance", seed: 3, count: 3, threads: 2).flatMap { r in
                r.transfers.filter { !$0.toDepot }.map { t in
                    func city(_ site: Site) -> String { if case .zone(let z) = site { return model.zoneKind[z] } else { return "" } }
                    return (t, city(t.order.pickup), city(t.order.dropoff))
                }
            }
        }
        var byCity: [String: Int] = [:]
        let model = Model(cities)
        for (t, from, to) in orders(cities) {
            // A fleet's city is its depot's.
            guard case .zone(let depot) = model.trucks!.of(truck: t.order.truck).depot else { return XCTFail("a depot that is not a station") }
            XCTAssertEqual([from, to], [model.zoneKind[depot], model.zoneKind[depot]], "\(t)")
            byCity[from, default: 0] += 1
        }
        XCTAssertGreaterThan(byCity["San Francisco"] ?? 0, 5, "the San Francisco vans work")
        XCTAssertGreaterThan(byCity["San Jose"] ?? 0, 5, "the San Jose van works")

        var bounded = cities
        bounded.trucks = cities.fleets[0]
        bounded.trucks?.serves = nil
        XCTAssertEqual(bounded.trucks?.maxOrderKm, 15)
        let within = orders(bounded)
        XCTAssertGreaterThan(within.count, 5, "the vans work")
        for (t, from, to) in within {
            XCTAssertLessThanOrEqual(t.km, 15 + 1e-9, "\(t)")
            XCTAssertEqual([from, to], ["San Francisco", "San Francisco"], "\(t)")
        }
        var unbounded = bounded
        unbounded.trucks?.maxOrderKm = nil
        XCTAssertTrue(orders(unbounded).contains { $0.1 == "San Jose" || $0.2 == "San Jose" }, "without the bound a van goes to San Jose")
    }
}
