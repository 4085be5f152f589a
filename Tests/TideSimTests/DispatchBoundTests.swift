import XCTest
@testable import TideSim
@testable @_spi(RawBytes) import TideSimBuffers
@testable import TideSimCore
@testable import TideSimModel
@testable import TideSimEngine
@testable import TideSimIO
@testable import TideSimReports

/// A dispatch that sends idle trucks between random sites it may serve (the same site too), for
/// random loads: no rule a policy writer had in mind, so the bound must hold against it as well.
struct RandomDispatch: TransferPolicy {
    var state: UInt64
    var name: String { "random" }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func decide(_ view: PolicyView) -> [TransferOrder] {
        let m = view.model
        var orders: [TransferOrder] = []
        for t in view.trucks where t.isIdle {
            guard next() % 4 != 0 else { continue }
            let fleet = view.fleet(of: t.index)
            let sites = (0..<m.zoneCount).filter { m.zoneCoordinate[$0] != nil }.map { Site.zone($0) }.filter { fleet.serves($0) }
                + (0..<m.holdingCount).map { Site.holding($0) }
            guard !sites.isEmpty else { continue }
            // Half the pickups where the most bikes are, half anywhere.
            let busiest = sites.max { a, b in bikes(a, view) < bikes(b, view) }!
            let pickup = next() % 2 == 0 ? busiest : sites[Int(next() % UInt64(sites.count))]
            let dropoff = sites[Int(next() % UInt64(sites.count))]
            orders.append(TransferOrder(truck: t.index, pickup: pickup, dropoff: dropoff, bikes: Int(next() % UInt64(t.capacity + 1))))
        }
        return orders
    }

    private func bikes(_ s: Site, _ view: PolicyView) -> Int {
        switch s {
        case .zone(let z): return view.zoneBikes[z]
        case .holding(let h): return view.holdingBikes[h]
        }
    }
}

final class DispatchBoundTests: XCTestCase {
    /// Every built-in policy the scenario can run and two random dispatches, in every replication,
    /// against the bound. Returns the means (policy, trips lost, overflow bike-hours), the bound last.
    @discardableResult
    func assertBoundHolds(_ scenario: Scenario, replications: Int = 2, seed: UInt64? = nil, _ label: String,
                          file: StaticString = #filePath, line: UInt = #line) -> [(policy: String, lost: Double, overflow: Double)] {
        let model = Model(scenario)
        let seed = seed ?? scenario.seed
        let bounds = DispatchBound.run(model: model, seed: seed, count: replications, threads: 2)
        var runs: [(String, [ReplicationResult])] = scenario.runnablePolicies.map { p in
            (p, Replications.run(model: model, policy: p, seed: seed, count: replications, threads: 2))
        }
        if model.hasTrucks {
            for k in 1...2 {
                runs.append(("random\(k)", Replications.run(model: model, seed: seed, count: replications, threads: 2) { r in
                    RandomDispatch(state: UInt64(1000 * k + r))
                }))
            }
        }
        var means: [(String, Double, Double)] = []
        for (p, results) in runs {
            for (r, b) in zip(results, bounds) {
                XCTAssertEqual(r.replication, b.replication)
                XCTAssertLessThanOrEqual(b.tripsLost, r[.tripsLost]!, "\(label): \(p), replication \(r.replication), trips lost",
                                         file: file, line: line)
                XCTAssertLessThanOrEqual(b.overflowBikeHours, r[.overflowBikeHours]! + 1e-9,
                                         "\(label): \(p), replication \(r.replication), overflow bike-hours", file: file, line: line)
            }
            means.append((p, results.map { $0[.tripsLost]! }.reduce(0, +) / Double(replications),
                          results.map { $0[.overflowBikeHours]! }.reduce(0, +) / Double(replications)))
        }
        means.append(("bound", bounds.map(\.tripsLost).reduce(0, +) / Double(replications),
                      bounds.map(\.overflowBikeHours).reduce(0, +) / Double(replications)))
        return means
    }

    // MARK: - Valid

    func testBoundIsBelowEveryPolicyOnTheBundledScenarios() throws {
        for name in ["quickstart", "optics-valley", "optics-valley-operators", "sf-bayarea-2014", "bayarea-2014-stations"] {
            let scenario = try ScenarioLoader.load(path: TestScenarios.bundled(name))
            let means = assertBoundHolds(scenario, name)
            let bound = means.last!
            // Not trivial where the trucks are few for the city (Optics Valley: 8 trucks, 40 zones).
            if name == "optics-valley" {
                XCTAssertGreaterThan(bound.lost, 1000, "\(means)")
                XCTAssertGreaterThan(bound.overflow, 1000, "\(means)")
            }
        }
    }

    func testBoundIsBelowEveryPolicyOnGeneratedCitiesAndSeeds() throws {
        // Few trucks for the riders, so that the bound has something to say and can be wrong: a
        // city short of bikes (ten trips a bike: the lost-trips bound bites) and one full of them
        // (two a bike: the piles).
        for seed in 1...3 {
            for (turnover, zonesPerTruck) in [(10.0, 40), (2.0, 80)] {
                var p = CityParameters.preset("district")!
                p.zones = 80
                p.tripsPerDay = 30_000
                p.turnover = turnover
                p.zonesPerTruck = zonesPerTruck
                p.seed = UInt64(seed)
                let scenario = CityGenerator.generate(p, name: "bound\(seed)")
                assertBoundHolds(scenario, seed: UInt64(40 + seed), "generated city \(seed), \(turnover) trips a bike")
            }
        }
    }

    /// The cases where a piece of the argument changes: riders who walk far (large pools), docked
    /// zones that refuse returns, a warm-up day, few trucks with a territory, operators whose riders
    /// never or always switch, and rush-hour caps.
    func testBoundIsBelowEveryPolicyWhereTheModelBranches() throws {
        let quick = TestScenarios.bundled("quickstart"), valley = TestScenarios.bundled("optics-valley")
        let cases: [(String, String, [String])] = [
            ("walking 800 m", valley, ["demand.walkMeters=800"]),
            ("docked", valley, ["zones[0].overflow=redirect", "zones[1].overflow=redirect", "zones[2].overflow=redirect"]),
            ("warm-up day", quick, ["days=2", "warmupDays=1", "trucks.count=1"]),
            ("one slow truck", quick, ["trucks.count=1", "trucks.loadSeconds=30", "trucks.speedKmh=10"]),
        ]
        for (label, path, sets) in cases {
            let scenario = try ScenarioLoader.load(path: path, overrides: sets.map { try Override(parsing: $0) })
            assertBoundHolds(scenario, replications: 1, seed: 7, label)
        }
        let operators = TestScenarios.bundled("optics-valley-operators")
        for s in ["0", "1"] {
            let scenario = try ScenarioLoader.load(path: operators, overrides: [try Override(parsing: "demand.switchOperator=\(s)")])
            XCTAssertTrue(OverflowBound.couples(Model(scenario)))
            assertBoundHolds(scenario, replications: 1, "operators, switchOperator \(s)")
        }
    }

    // MARK: - By hand

    /// A hotspot 100 bikes on 40 spaces, no rider near it, one truck of capacity K whose depot is
    /// the hotspot and whose shift starts at 06:00; riders only between two far zones that never fill.
    func hotspot(capacity k: Int) -> String {
        """
        {"tidesim":1,"name":"hotspot",
         "zones":[{"id":"hot","lat":30.50,"lon":114.40,"capacity":40,"bikes":100},
                  {"id":"x","lat":30.60,"lon":114.50,"capacity":1000,"bikes":50},
                  {"id":"y","lat":30.61,"lon":114.50,"capacity":1000,"bikes":50}],
         "holdingAreas":[{"id":"lot","lat":30.509,"lon":114.40,"capacity":200}],
         "demand":{"ride":{"cv":0},"flows":[{"from":"x","to":"y","tripsPerDay":48},{"from":"y","to":"x","tripsPerDay":48}]},
         "trucks":{"count":1,"capacity":\(k),"speedKmh":18,"loadSeconds":10,"depot":"hot","shifts":["06:00-12:00"]},
         "policy":{"name":"threshold","everyMinutes":5,
                   "zones":{"hot":{"high":1.0,"target":1.0,"holdingArea":"lot"},"x":{"low":0,"target":0},"y":{"low":0,"target":0}}}}
        """
    }

    /// 60 bikes over capacity from midnight until the first shift at 06:00: at least 360 bike-hours
    /// whatever the trucks do. A truck of 60 at the hotspot lifts them all at 06:00, so the bound
    /// is exactly 360, and the threshold policy reaches it.
    func testHotspotBeforeTheFirstShiftIsTheBoundAndThresholdReachesIt() throws {
        let model = Model(try TestScenarios.load(hotspot(capacity: 60)))
        let none = Replications.run(model: model, policy: "none", seed: 1, count: 1)[0]
        XCTAssertEqual(none[.overflowBikeHours]!, 60 * 24, accuracy: 1e-9)
        let bound = DispatchBound.compute(model: model, seed: 1, replication: 1)
        XCTAssertEqual(bound.overflowBikeHours, 360, accuracy: 1e-9)
        let threshold = Replications.run(model: model, policy: "threshold", seed: 1, count: 1)[0]
        XCTAssertEqual(threshold[.overflowBikeHours]!, 360, accuracy: 1e-9, "tight: a known dispatch reaches it")
    }

    /// With a truck of 30 only 30 bikes can leave at 06:00; the next ones come no faster than one
    /// per loading time (10 s) until the truck has loaded its capacity's worth (W = ℓK = 300 s),
    /// then one per 2ℓ: the pile above what can have been lifted is 30 − W/10 for W in 0...300 s,
    /// a triangle of 30 × 300 / 2 bike-seconds = 1.25 bike-hours after the 360 before the shift.
    func testHotspotWithASmallTruckAddsTheLoadingTriangle() throws {
        let model = Model(try TestScenarios.load(hotspot(capacity: 30)))
        let bound = DispatchBound.compute(model: model, seed: 1, replication: 1)
        XCTAssertEqual(bound.overflowBikeHours, 361.25, accuracy: 1e-9)
        for p in ["threshold", "clearance"] {
            XCTAssertGreaterThan(Replications.run(model: model, policy: p, seed: 1, count: 1)[0][.overflowBikeHours]!, 361.25)
        }
    }

    /// An empty estate E 2 km from a metro zone M with 500 bikes: 10 riders leave E at
    /// 06:30-06:39, before the truck's shift (07:00-08:00), and 30 at 07:30-07:59 (one a minute).
    /// One truck of 20, 10 s a bike, 600 s from M to E. Bringing a bike into E costs at least
    /// 2 × 10 s + 600 s / 20 = 50 s of truck time; by 07:30 + i minutes the truck has had
    /// 1,800 + 60i s of shift (and 200 s of unloading under way), enough for all 30: the bound is
    /// the 10 riders before the shift. Two trips M → E (20 bikes at 07:13:20, 10 at 07:38:20)
    /// reach it.
    func estate(serves: String = "") -> Model {
        let metres = 2000.0
        let dLat = metres / 6_371_008.8 * 180 / Double.pi
        let json = """
            {"tidesim":1,"name":"estate",
             "zones":[{"id":"E","lat":30.50,"lon":114.40,"capacity":100,"bikes":0},
                      {"id":"M","lat":\(30.50 + dLat),"lon":114.40,"capacity":1000,"bikes":500}],
             "demand":{"walkMeters":0,"flows":[{"from":"E","to":"M","tripsPerDay":40}]},
             "trucks":{"count":1,"capacity":20,"speedKmh":12,"detour":1,"loadSeconds":10,"depot":"M","shifts":["07:00-08:00"]\(serves)},
             "policy":{"name":"none"}}
            """
        let model = Model(try! TestScenarios.load(json))
        let early: [Double] = (0..<10).map { (i: Int) -> Double in 23_400 + Double(i) * 60 }
        let late: [Double] = (0..<30).map { (i: Int) -> Double in 27_000 + Double(i) * 60 }
        let riders = early + late
        return model.replaying(riders.map { TripAttempt(time: $0, flow: 0, origin: 0, destination: 1, duration: 1800) })
    }

    /// Two trips from M to E: 20 bikes, then 10.
    struct TwoTrips: TransferPolicy {
        var sent = 0
        var name: String { "two trips" }
        mutating func decide(_ view: PolicyView) -> [TransferOrder] {
            guard sent < 30, let t = view.trucks.first, t.isIdle else { return [] }
            let n = min(20, 30 - sent)
            sent += n
            return [TransferOrder(truck: t.index, pickup: .zone(1), dropoff: .zone(0), bikes: n)]
        }
    }

    func testEstateBoundIsTheRidersBeforeTheShiftAndTwoTripsReachIt() throws {
        let model = estate()
        XCTAssertEqual(Replications.run(model: model, policy: "none", seed: 1, count: 1)[0][.tripsLost]!, 40)
        let bound = DispatchBound.compute(model: model, seed: 1, replication: 1)
        XCTAssertEqual(bound.tripsLost, 10)
        let trips = Replications.run(model: model, seed: 1, count: 1) { _ in TwoTrips() }[0]
        XCTAssertEqual(trips[.tripsLost]!, 10, "tight: a known dispatch reaches it")
        let orders = trips.transfers.filter { !$0.toDepot }
        XCTAssertEqual(orders.map(\.unloaded), [20, 10])
        XCTAssertEqual(orders[0].atDropoff, 26_000, accuracy: 1e-6, "07:13:20")
        XCTAssertEqual(orders[1].atDropoff, 27_500, accuracy: 1e-6, "07:38:20")
    }

    /// The same riders where the trucks may serve M only: nobody can bring a bike to E, and the
    /// bound is every rider there.
    func testRidersOfAZoneNoTruckServesAreLostInTheBound() throws {
        let bound = DispatchBound.compute(model: estate(serves: #","serves":["M"]"#), seed: 1, replication: 1)
        XCTAssertEqual(bound.tripsLost, 40)
    }

    // MARK: - The pieces alone

    /// Moore–Hodgson against every subset of up to 10 jobs: the largest subset whose every prefix
    /// (by due time) fits the resource spent by then.
    func testMostJobsOnTimeMatchesBruteForce() {
        var rng = RandomDispatch(state: 11)
        for _ in 0..<400 {
            let n = Int(rng.next() % 10) + 1
            let jobs = (0..<n).map { _ in (due: Double(rng.next() % 50), cost: Double(rng.next() % 9 + 1)) }
                .sorted { $0.due < $1.due }
            let rate = Double(rng.next() % 4) / 2, start = Double(rng.next() % 20), lump = Double(rng.next() % 6)
            let available = { (t: Double) -> Double in t < start ? 0 : lump + rate * (t - start) }
            var best = 0
            for mask in 0..<(1 << n) {
                var spent = 0.0, fits = true
                for j in 0..<n where mask & (1 << j) != 0 {
                    spent += jobs[j].cost
                    if spent > available(jobs[j].due) { fits = false; break }
                }
                if fits { best = max(best, mask.nonzeroBitCount) }
            }
            XCTAssertEqual(LostTripsBound.mostOnTime(jobs, available: available), best, "\(jobs) rate \(rate) from \(start) lump \(lump)")
        }
    }

    /// The exact integral of max(o − L(t), floor) for linear L against a fine Riemann sum.
    func testOverflowIntegralOfOneIntervalMatchesASum() {
        var rng = RandomDispatch(state: 5)
        for _ in 0..<300 {
            let o = Double(rng.next() % 100), la = Double(rng.next() % 100), slope = Double(rng.next() % 5)
            let floor = Double(rng.next() % 3 == 0 ? rng.next() % 40 : 0), length = Double(rng.next() % 50 + 1)
            let steps = 20_000
            var sum = 0.0
            for i in 0..<steps {
                let t = (Double(i) + 0.5) / Double(steps) * length
                sum += max(o - (la + slope * t), floor) * length / Double(steps)
            }
            let exact = OverflowBound.integral(overflow: o, liftedFrom: la, to: la + slope * length, floor: floor, length: length)
            XCTAssertEqual(exact, sum, accuracy: 1e-3 * max(1, sum))
        }
        XCTAssertEqual(OverflowBound.integral(overflow: 9, liftedFrom: .infinity, to: .infinity, floor: 2, length: 10), 20)
    }

    /// Shifts as intervals over the run (one past midnight wraps into day 1's early hours), and
    /// the lifted budget of the docs' formula at a few moments.
    func testShiftTimeAndTheLiftedBudget() throws {
        let windows = ["06:00-10:00", "22:00-02:00"].map { TimeWindow(parsing: $0)! }
        let spans = TruckWorkBudget.intervals(windows, days: 2, end: 2 * 86_400)
        XCTAssertEqual(spans.map(\.start), [0, 21_600, 79_200, 108_000, 165_600])
        XCTAssertEqual(spans.map(\.end), [7_200, 36_000, 93_600, 122_400, 172_800])
        let model = Model(try TestScenarios.load(hotspot(capacity: 30)))
        let budget = TruckWorkBudget(model: model)
        XCTAssertEqual(budget.lifted(at: 21_599), 0)
        XCTAssertEqual(budget.lifted(at: 21_600), 30, "a full load at the shift's start")
        XCTAssertEqual(budget.lifted(at: 21_600 + 100), 40, "then one a loading time (10 s)")
        // After ℓK = 300 s, one per 2ℓ: K + (W + ℓK) / 2ℓ.
        XCTAssertEqual(budget.lifted(at: 21_600 + 1_000), 30 + (1_000 + 300) / 20.0)
        // After the shift (e = 1): K + (W + 2ℓK) / 2ℓ + K, W = 6 h.
        XCTAssertEqual(budget.lifted(at: 50_000), 30 + (21_600 + 600) / 20.0 + 30)
        XCTAssertTrue(budget.breakpoints.contains(21_900), "the kink at W = ℓK")
    }
}
