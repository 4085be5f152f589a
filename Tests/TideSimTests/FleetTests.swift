import XCTest
@testable import TideSim
@testable @_spi(RawBytes) import TideSimBuffers
@testable import TideSimCore
@testable import TideSimModel
@testable import TideSimEngine
@testable import TideSimIO
@testable import TideSimReports

/// Issue 18, fleets and territories: `trucks` as a list of fleets, each with its own depot, shifts
/// and territory (`serves`); a fleet works only in its territory and at holding areas, inside its
/// own shifts, and goes back to its own depot.
final class FleetTests: XCTestCase {
    /// Two hotspots 60 bikes over their 40 spaces, 4.4 km apart, a lot half-way. Each fleet's depot
    /// is at the other fleet's zone, so without territories each truck would clear the zone it
    /// stands on; with them, each drives across to its own.
    private let crossed = """
        {"tidesim":1,
         "zones":[{"id":"west","lat":30.50,"lon":114.40,"capacity":40,"bikes":60},
                  {"id":"east","lat":30.50,"lon":114.446,"capacity":40,"bikes":60}],
         "holdingAreas":[{"id":"lot","lat":30.50,"lon":114.423,"capacity":200}],
         "trucks":[{"id":"w","count":1,"capacity":30,"depot":"east","shifts":["06:00-12:00"],"serves":["west"]},
                   {"id":"e","count":1,"capacity":30,"depot":"west","shifts":["06:00-12:00"],"serves":["east"],"detour":1.5}],
         "policy":{"name":"threshold"}}
        """

    func testAListOfFleetsDecodesAndWritesBack() throws {
        let s = try TestScenarios.load(crossed)
        XCTAssertTrue(s.fleetsListed)
        XCTAssertEqual(s.fleets.map(\.id), ["w", "e"])
        XCTAssertEqual(s.fleets.map(\.serves), [["west"], ["east"]])
        XCTAssertEqual(s.fleets.map(\.detour), [1.3, 1.5], "each fleet's defaults are its own")
        XCTAssertNil(s.trucks, "no single fleet")
        XCTAssertEqual(s.truckCount, 2)
        let model = Model(s)
        XCTAssertEqual(model.trucks?.fleetOfTruck, [0, 1])
        XCTAssertEqual(model.trucks?.depots, [.zone(1), .zone(0)])
        XCTAssertEqual(model.trucks?.fleets[0].territory, [true, false])

        let dir = try TestScenarios.temporaryDirectory(self)
        try OutputDirectory.write(ScenarioWriter.files(s, baseName: "t", tables: false), to: dir)
        let back = try ScenarioLoader.load(path: dir + "/t.json")
        XCTAssertEqual(back.fleets, s.fleets)
        XCTAssertTrue(back.fleetsListed)
        // A single fleet stays an object.
        let one = try TestScenarios.load(TestScenarios.base)
        XCTAssertFalse(one.fleetsListed)
        XCTAssertTrue(ScenarioWriter.files(one, baseName: "t", tables: false)[0].contents.contains("\"trucks\": {"))
    }

    func testAWhatIfReachesAFleetByItsID() throws {
        let s = try TestScenarios.load(crossed, overrides: ["trucks[e].count=3", "trucks[w].shifts=[\"16:00-20:00\"]"])
        XCTAssertEqual(s.fleets.map(\.count), [1, 3])
        XCTAssertEqual(s.fleets[0].shifts.map(\.description), ["16:00-20:00"])
        XCTAssertEqual(Model(s).trucks?.fleetOfTruck, [0, 1, 1, 1])
    }

    func testMistakesInFleetsAreOneLineEach() {
        func issues(_ trucks: String) -> [String] {
            TestScenarios.issues(crossed.replacingOccurrences(of: crossed[crossed.range(of: "\"trucks\":[")!.lowerBound..<crossed.range(of: "\"policy\"")!.lowerBound],
                                                              with: "\"trucks\":\(trucks),\n"))
        }
        XCTAssertEqual(issues(#"[{"count":1,"capacity":30,"depot":"lot"}]"#), ["test.json: trucks[0].id: missing; expected a string"])
        XCTAssertEqual(issues(#"[{"id":"a","count":1,"capacity":30,"depot":"lot"},{"id":"a","count":1,"capacity":30,"depot":"lot"}]"#),
                       ["test.json: trucks[1].id: duplicate fleet id 'a' (already used by trucks[0])"])
        XCTAssertEqual(issues(#"[{"id":"a","count":1,"capacity":30,"depot":"lot","serves":["wset"]}]"#),
                       ["test.json: trucks[0].serves[0]: unknown zone 'wset' (did you mean 'west'?); a territory lists zone ids (holding areas serve every fleet)"])
        XCTAssertEqual(issues(#"[{"id":"a","count":1,"capacity":30,"depot":"lot","serves":"west"}]"#),
                       ["test.json: trucks[0].serves: expected an array of zone ids such as [\"metro-sq\", \"tech-park\"], got a string"])
        XCTAssertEqual(issues(#"[{"id":"a","count":1,"capacity":30,"depot":"nowhere"}]"#).count, 1)
    }

    /// Each truck clears its own fleet's zone, down to the target (32 bikes: 28 taken), driving
    /// across from the other zone: the km worked out by hand from the great-circle distances.
    func testEachFleetWorksOnlyInItsTerritory() throws {
        let model = Model(try TestScenarios.load(crossed))
        let r = Replications.run(model: model, policy: "threshold", seed: 1, count: 1)[0]
        let orders = r.transfers.filter { !$0.toDepot }
        XCTAssertEqual(orders.prefix(2).map(\.order), [TransferOrder(truck: 0, pickup: .zone(0), dropoff: .holding(0), bikes: 28),
                                                       TransferOrder(truck: 1, pickup: .zone(1), dropoff: .holding(0), bikes: 28)])
        let west = Coordinate(lat: 30.5, lon: 114.4), east = Coordinate(lat: 30.5, lon: 114.446), lot = Coordinate(lat: 30.5, lon: 114.423)
        XCTAssertEqual(orders[0].km, (east.distanceMeters(to: west) + west.distanceMeters(to: lot)) * 1.3 / 1000, accuracy: 1e-9)
        XCTAssertEqual(orders[1].km, (west.distanceMeters(to: east) + east.distanceMeters(to: lot)) * 1.5 / 1000, accuracy: 1e-9,
                       "the east fleet drives with its own detour")
        for t in orders {
            if case .zone(let z) = t.order.pickup { XCTAssertEqual(z, t.order.truck, "truck \(t.order.truck) loaded outside its territory: \(t)") }
            if case .zone(let z) = t.order.dropoff { XCTAssertEqual(z, t.order.truck, "truck \(t.order.truck) unloaded outside its territory: \(t)") }
        }
        XCTAssertEqual(r[.truckKm]!, r.transfers.reduce(0) { $0 + $1.km }, accuracy: 1e-9, "truck km over fleets of their own detours")
        // After the shift each truck goes home to its own depot.
        let home = r.transfers.filter(\.toDepot)
        XCTAssertEqual(Set(home.map { "\($0.order.truck)>\($0.order.dropoff)" }), ["0>\(Site.zone(1))", "1>\(Site.zone(0))"])
    }

    /// A city split into a western and an eastern fleet with shifts of their own (the west in the
    /// morning, the east in the evening): under every policy every order of a fleet is given in
    /// its shift, finished by its end, loads and unloads only in its territory and at lots, and
    /// the trucks return to their own depot.
    func testFleetsKeepTheirTerritoriesAndShiftsUnderEveryPolicy() throws {
        var s = CityGenerator.generate(CityParameters.preset("district")!, name: "district")
        let one = try XCTUnwrap(s.trucks)
        let lons = s.zones.compactMap { $0.coordinate?.lon }.sorted()
        let median = lons[lons.count / 2]
        var west = one, east = one
        west.id = "west"; east.id = "east"
        west.serves = s.zones.filter { ($0.coordinate?.lon ?? 0) < median }.map(\.id)
        east.serves = s.zones.filter { ($0.coordinate?.lon ?? 0) >= median }.map(\.id)
        west.shifts = [TimeWindow(parsing: "06:00-11:00")!]
        east.shifts = [TimeWindow(parsing: "15:00-20:00")!]
        east.depot = east.serves![0]
        east.detour = 1.6
        s.fleets = [west, east]
        let model = Model(s)
        let fleets = try XCTUnwrap(model.trucks)
        var ordersPerFleet = [0, 0]
        for policy in ["threshold", "predictive", "rebalance", "clearance"] {
            for r in Replications.run(model: model, policy: policy, seed: 9, count: 2, threads: 2) {
                for t in r.transfers {
                    let f = fleets.fleetOfTruck[t.order.truck], fleet = fleets.fleets[f]
                    XCTAssertFalse(t.finished.isNaN, "\(policy): an order never finished: \(t)")
                    if t.toDepot {
                        XCTAssertEqual(t.order.dropoff, fleet.depot, "\(policy): \(t)")
                        XCTAssertFalse(fleet.inShift(t.issued), "\(policy): home during the shift: \(t)")
                        continue
                    }
                    ordersPerFleet[f] += 1
                    let end = try XCTUnwrap(fleet.shiftEnd(at: t.issued), "\(policy): an order given off its fleet's shift: \(t)")
                    XCTAssertLessThanOrEqual(t.finished, end + 1e-6, "\(policy): \(t)")
                    XCTAssertTrue(fleet.serves(t.order.pickup) && fleet.serves(t.order.dropoff), "\(policy): outside \(fleet.id): \(t)")
                }
                XCTAssertEqual(r[.truckKm]!, r.transfers.reduce(0) { $0 + $1.km }, accuracy: 1e-6 * max(1, r[.truckKm]!), policy)
            }
        }
        XCTAssertGreaterThan(ordersPerFleet[0], 50, "the western fleet works")
        XCTAssertGreaterThan(ordersPerFleet[1], 50, "the eastern fleet works")
    }
}
