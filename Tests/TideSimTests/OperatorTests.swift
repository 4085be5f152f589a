import XCTest
@testable import TideSim
@testable @_spi(RawBytes) import TideSimBuffers
@testable import TideSimCore
@testable import TideSimModel
@testable import TideSimEngine
@testable import TideSimIO
@testable import TideSimReports

/// Issue 20, operators (DESIGN section 2b): bikes belong to operators, riders prefer one by share,
/// each operator's trucks move only its bikes, and each operator answers for the bikes above its
/// fair share of a zone over capacity.
final class OperatorTests: XCTestCase {
    /// The quickstart city with its trucks moved into operators.
    private func quickstart(operators: String, extra: String = "") throws -> Scenario {
        var text = try String(contentsOfFile: TestScenarios.bundled("quickstart"), encoding: .utf8)
        let json = try JSONParser.parse(text)
        guard case .object(var members) = json, let i = members.firstIndex(where: { $0.key == "trucks" }) else { throw XCTSkip("no trucks") }
        let trucks = JSONWriter.render(members[i].value)
        members.remove(at: i)
        text = JSONWriter.render(.object(members))
        let ops = operators.replacingOccurrences(of: "TRUCKS", with: trucks)
        text = String(text.dropLast().trimmingCharacters(in: .whitespacesAndNewlines).dropLast()) + ", \"operators\": \(ops)\(extra)}"
        return try TestScenarios.load(text, directory: TestScenarios.packageRoot + "/scenarios")
    }

    /// Records every attempt: the riders.
    private struct Riders: SimulationObserver {
        var seen: [String] = []
        mutating func attempt(_ a: TripAttempt, outcome: AttemptOutcome) { seen.append("\(a.time) \(a.origin) \(a.destination) \(a.duration)") }
        mutating func afterEvent(time: Double, zoneBikes: [Int], holdingBikes: [Int], riding: Int, onTrucks: Int) {}
    }

    /// One operator of share 1 holding the trucks: the very same results as the city without
    /// operators, under every policy.
    func testOneOperatorIsTheCityWithoutOperators() throws {
        let plain = Model(try TestScenarios.load(try String(contentsOfFile: TestScenarios.bundled("quickstart"), encoding: .utf8),
                                                 directory: TestScenarios.packageRoot + "/scenarios"))
        let one = Model(try quickstart(operators: #"[{"id":"all","share":1,"quota":100000,"trucks":TRUCKS}]"#))
        XCTAssertEqual(one.operators.count, 1)
        XCTAssertEqual(one.zoneInitialBikes, plain.zoneInitialBikes)
        for policy in PolicyCatalog.names {
            let a = Replications.run(model: plain, policy: policy, seed: 5, count: 2)
            let b = Replications.run(model: one, policy: policy, seed: 5, count: 2)
            for (x, y) in zip(a, b) {
                XCTAssertEqual(x.system, y.system, policy)
                XCTAssertEqual(x.zones, y.zones, policy)
                XCTAssertEqual(x.holdingAreas, y.holdingAreas, policy)
                XCTAssertEqual(x.transfers.map(\.order), y.transfers.map(\.order), policy)
                XCTAssertEqual(y[operator: 0, .tripsServed], x[.tripsServed])
                XCTAssertEqual(y[operator: 0, .tripsLost], x[.tripsLost])
                XCTAssertEqual(y[operator: 0, .truckKm]!, x[.truckKm]!, accuracy: 1e-9)
                // All the overflow is its own, and it answers for every breach.
                XCTAssertEqual(y[operator: 0, .overflowBikeHours]!, x[.overflowBikeHours]!, accuracy: 1e-6)
                XCTAssertEqual(y[operator: 0, .clearanceBreaches], x[.clearanceBreaches])
            }
        }
    }

    private let three = #"""
        [{"id":"hb","name":"Hellobike","share":0.5,"quota":100000,"trucks":TRUCKS},
         {"id":"mt","share":0.3,"quota":100000,"policy":"clearance","trucks":TRUCKS},
         {"id":"qj","share":0.2,"quota":100000}]
        """#

    /// Three operators: the riders are those of the one-operator city; fleets by share and
    /// conserved per operator; served and lost trips add up; an operator without trucks drives 0 km.
    func testThreeOperators() throws {
        let plain = Model(try TestScenarios.load(try String(contentsOfFile: TestScenarios.bundled("quickstart"), encoding: .utf8),
                                                 directory: TestScenarios.packageRoot + "/scenarios"))
        let model = Model(try quickstart(operators: three))
        XCTAssertEqual(model.zoneInitialBikes, plain.zoneInitialBikes)
        for z in 0..<model.zoneCount {
            let split = FleetRescaling.largestRemainder(total: plain.zoneInitialBikes[z], weights: [0.5, 0.3, 0.2])
            XCTAssertEqual(model.operators.map { $0.zoneInitialBikes[z] }, split)
        }
        XCTAssertEqual(model.operators.reduce(0) { $0 + $1.fleet }, plain.fleet)
        XCTAssertEqual(model.operators[0].view.zoneCapacity, plain.zoneCapacity.map { Int((0.5 * Double($0)).rounded(.down)) })

        for r in 1...3 {
            var alone = Simulation(model: plain, seed: 9, replication: r, policy: BuiltInPolicy.none, observer: Riders())
            _ = alone.run()
            let policies = model.policyNames().map { BuiltInPolicy(name: $0, parameters: model.policyParameters)! }
            var city = Simulation(model: model, seed: 9, replication: r, policies: policies, observer: Riders())
            let result = city.run()
            XCTAssertEqual(city.observer.seen, alone.observer.seen, "the riders do not depend on the operators")
            // Conservation per operator, and the operators' bikes make up each zone.
            let owners = city.world.owners
            for o in 0..<3 { XCTAssertEqual(owners.fleet(o), model.operators[o].fleet, "operator \(o) keeps its bikes") }
            for z in 0..<model.zoneCount { XCTAssertEqual((0..<3).reduce(0) { $0 + owners.bikes($1, inZone: z) }, city.world.bikes[z]) }
            for h in 0..<model.holdingCount { XCTAssertEqual((0..<3).reduce(0) { $0 + owners.held($1, inArea: h) }, city.world.holdingBikes[h]) }
            XCTAssertEqual(owners.riding.array.reduce(0, +), city.world.riding)
            XCTAssertEqual(owners.onTrucks.array.reduce(0, +), city.world.onTrucks)
            func sum(_ k: OperatorKPI) -> Double { (0..<3).reduce(0) { $0 + result[operator: $1, k]! } }
            XCTAssertEqual(sum(.tripsServed), result[.tripsServed])
            XCTAssertEqual(sum(.tripsLost), result[.tripsLost])
            XCTAssertEqual(sum(.truckKm), result[.truckKm]!, accuracy: 1e-9)
            XCTAssertEqual(result[operator: 2, .truckKm], 0, "qj has no trucks")
            XCTAssertGreaterThan(result[operator: 1, .truckKm]!, 0)
            // The bikes above fair shares cover the overflow (equal when no operator is below its share).
            XCTAssertGreaterThanOrEqual(sum(.overflowBikeHours) + 1e-9, result[.overflowBikeHours]!)
            // Each operator's trucks carried only its bikes: the transfers name trucks of the operator's range.
            XCTAssertTrue(result.transfers.allSatisfy { $0.order.truck < model.operators[1].trucks.upperBound })
        }
    }

    /// The hand case of fair-share responsibility: a zone of 100 spaces holding 50 bikes of `a`
    /// (share 0.6) and 30 of `b` (0.4), capped at 50 from 07:00 to 09:30, nobody riding. The zone
    /// is 30 over for 2.5 h (75 bike-hours, one 150-minute episode, one breach). Fair shares in the
    /// rush: 30 and 20, so `a` is 20 over (50 bike-hours) and `b` 10 over (25): both answer for the
    /// breach. Outside the rush (fair shares 60 and 40) neither is over.
    func testFairShareByHand() throws {
        let text = """
            {"tidesim":1,
             "zones":[{"id":"exit","capacity":100,"bikesByOperator":{"a":50,"b":30},
                       "capacityWindows":[{"time":"07:00-09:30","capacity":50}]},
                      {"id":"estate","capacity":100,"bikesByOperator":{"a":70}}],
             "operators":[{"id":"a","share":0.6,"quota":500},{"id":"b","share":0.4,"quota":500}],
             "demand":{"flows":[]}}
            """
        let model = Model(try TestScenarios.load(text))
        XCTAssertEqual(model.zoneInitialBikes, [80, 70])
        let r = Replications.run(model: model, policy: nil, seed: 1, count: 1)[0]
        XCTAssertEqual(r[.overflowBikeHours]!, 75, accuracy: 1e-9)
        XCTAssertEqual(r[zone: 0, .longestOverflowMinutes]!, 150, accuracy: 1e-9)
        XCTAssertEqual(r[.clearanceBreaches], 1)
        XCTAssertEqual(r[operator: 0, .overflowBikeHours]!, 50, accuracy: 1e-9)
        XCTAssertEqual(r[operator: 1, .overflowBikeHours]!, 25, accuracy: 1e-9)
        XCTAssertEqual(r[operator: 0, .clearanceBreaches], 1)
        XCTAssertEqual(r[operator: 1, .clearanceBreaches], 1)
        // The estate holds 70 of a's bikes under 100 spaces: never over, so nobody answers for it
        // although `a` is above its fair share (60) there.
        XCTAssertEqual(r.zoneOperatorOverflow[1 * 2 + 0], 0)

        // With 50 and 10 (b at its fair share of 20 or below all the rush), only `a` answers:
        // 60 bikes, 10 over for 2.5 h; a is 20 over its 30 (50 bike-hours), b never.
        let fewer = text.replacingOccurrences(of: #""b":30"#, with: #""b":10"#)
        let s = Replications.run(model: Model(try TestScenarios.load(fewer)), policy: nil, seed: 1, count: 1)[0]
        XCTAssertEqual(s[.overflowBikeHours]!, 25, accuracy: 1e-9)
        XCTAssertEqual(s[operator: 0, .overflowBikeHours]!, 50, accuracy: 1e-9)
        XCTAssertEqual(s[operator: 1, .overflowBikeHours], 0)
        XCTAssertEqual(s[operator: 0, .clearanceBreaches], 1)
        XCTAssertEqual(s[operator: 1, .clearanceBreaches], 0)
    }

    /// A zone of 50 spaces holding 55 of `a`'s bikes all day (shares 0.5 and 0.5): 5 over, `a`
    /// 30 above its fair share of 25 (720 bike-hours), `b` has none there: `a` alone answers for
    /// the day's one breach.
    func testOnlyTheOperatorAboveItsShareAnswers() throws {
        let text = """
            {"tidesim":1,
             "zones":[{"id":"exit","capacity":50,"bikesByOperator":{"a":55}}],
             "operators":[{"id":"a","share":0.5,"quota":500},{"id":"b","share":0.5,"quota":500}],
             "demand":{"flows":[]}}
            """
        let r = Replications.run(model: Model(try TestScenarios.load(text)), policy: nil, seed: 1, count: 1)[0]
        XCTAssertEqual(r[.overflowBikeHours]!, 5 * 24, accuracy: 1e-9)
        XCTAssertEqual(r[operator: 0, .overflowBikeHours]!, 30 * 24, accuracy: 1e-9)
        XCTAssertEqual(r[operator: 0, .clearanceBreaches], 1)
        XCTAssertEqual(r[operator: 1, .clearanceBreaches], 0)
    }

    /// A quota binds at the start: an operator placing more keeps its quota, cut in proportion
    /// over its sites; the report states what was placed.
    func testQuotaBinds() throws {
        let text = """
            {"tidesim":1,
             "zones":[{"id":"x","capacity":100,"bikesByOperator":{"a":60,"b":10}},{"id":"y","capacity":100,"bikesByOperator":{"a":40}}],
             "operators":[{"id":"a","share":0.5,"quota":80},{"id":"b","share":0.5,"quota":500}],
             "demand":{"flows":[]}}
            """
        let model = Model(try TestScenarios.load(text))
        XCTAssertEqual(model.operators[0].placed, 100)
        XCTAssertEqual(model.operators[0].zoneInitialBikes, [48, 32])
        XCTAssertEqual(model.operators[0].fleet, 80)
        XCTAssertEqual(model.operators[1].zoneInitialBikes, [10, 0])
        XCTAssertEqual(model.zoneInitialBikes, [58, 32])
        XCTAssertEqual(model.fleet, 90)
        // The what-if of a quota cut: --set operators[a].quota=50.
        let cut = Model(try TestScenarios.load(text, overrides: ["operators[a].quota=50"]))
        XCTAssertEqual(cut.operators[0].zoneInitialBikes, [30, 20])
        // --fleet rescales every operator's bikes and its quota alike.
        let half = try TestScenarios.load(text, fleet: 55)
        XCTAssertEqual(half.fleet, 55)
        XCTAssertEqual(half.operators.map(\.quota), [40, 250])
        XCTAssertEqual(half.zones.map { $0.bikesByOperator!.map(\.bikes) }, [[30, 5], [20, 0]])
    }

    /// The scenario format: what is checked, each with one clear line.
    func testScenarioErrors() throws {
        func issues(_ operators: String, zone: String = #""bikes":10"#, trucks: String = "") -> [String] {
            TestScenarios.issues("""
                {"tidesim":1, "zones":[{"id":"x","lat":30.5,"lon":114.4,"capacity":10,\(zone)}],
                 "holdingAreas":[{"id":"lot","lat":30.5,"lon":114.41,"capacity":50}],\(trucks)
                 "operators":\(operators), "demand":{"flows":[]}}
                """)
        }
        XCTAssertEqual(issues(#"[{"id":"a","share":0.5,"quota":5},{"id":"b","share":0.4,"quota":5}]"#),
                       ["test.json: operators: the operators' shares must sum to 1, got 0.9"])
        XCTAssertEqual(issues(#"[{"id":"a","share":1,"quota":5}]"#, trucks: #""trucks":{"count":1,"capacity":5,"depot":"lot"},"#),
                       ["test.json: trucks: with operators the trucks are the operators': move them into the 'trucks' of the operator that runs them"])
        XCTAssertEqual(issues(#"[{"id":"a","share":1,"quota":5}]"#, zone: #""bikesByOperator":{"ab":3}"#),
                       ["test.json: zones[0].bikesByOperator.ab: unknown operator 'ab' (did you mean 'a'?); expected one of: a"])
        XCTAssertEqual(issues(#"[{"id":"a","share":1,"quota":5}]"#, zone: #""bikes":4,"bikesByOperator":{"a":3}"#),
                       ["test.json: zones[0].bikes: is 4, but bikesByOperator adds up to 3; give one, or make them agree"])
        XCTAssertEqual(issues(#"[{"id":"a","share":1,"quota":5,"policy":"threshold"}]"#),
                       ["test.json: operators[0].policy: policy 'threshold' moves bikes with trucks, but this operator has no trucks"])
        XCTAssertEqual(issues(#"[{"id":"a","share":1,"quota":5},{"id":"a","share":0,"quota":5}]"#),
                       ["test.json: operators[1].share: must be above 0, got 0; leave out an operator with no share",
                        "test.json: operators[1].id: duplicate operator id 'a' (already used by operators[0])"])
    }

    /// The scenario writer keeps the operators: a written scenario reads back the same.
    func testWrittenScenarioReadsBack() throws {
        let scenario = try quickstart(operators: three, extra: "")
        let text = ScenarioWriter.files(scenario, baseName: "q", tables: false)[0].contents
        let back = try ScenarioLoader.load(text: text, file: "q.json")
        XCTAssertEqual(back.operators, scenario.operators)
        XCTAssertEqual(back.demand.switchOperator, 0.8)
        XCTAssertEqual(Model(back).operators.map(\.zoneInitialBikes), Model(scenario).operators.map(\.zoneInitialBikes))
    }
}
